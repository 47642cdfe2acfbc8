# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, then run on a slim image as a non-root user.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --engine-strict --no-audit --no-fund
# Every source folder (.dockerignore keeps tests, benches, tools and build output out).
COPY . .
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --engine-strict --no-audit --no-fund

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The SDL is read at start-up from schema/ beside package.json.
COPY schema ./schema
# The operations GRAPHQL_SAFELIST=true allows (GRAPHQL_SAFELIST_FILE points elsewhere for your own).
COPY safelist.json ./
COPY package.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=2s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
