import { z } from 'zod';
import { defineSettings } from './define-settings';
import { usesNodeEnv } from './runtime-settings';
import { boolean } from './setting-schemas';

/** The explorers, request limits and operation controls of `POST /graphql` (src/graphql/request-limits.ts). */
export const graphqlSettings = defineSettings({
  env: {
    /**
     * Serve the explorers: Apollo Sandbox at GET /graphql and GraphiQL (no internet needed) at GET /graphiql.
     * @default true unless production
     */
    GRAPHQL_SANDBOX: boolean.optional(),
    /** Answer introspection queries (Sandbox and codegen need them); off also hides field suggestions. @default true unless production */
    GRAPHQL_INTROSPECTION: boolean.optional(),
    /** Deepest selection nesting an operation may have (introspection excepted). @default 8 */
    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).default(8),
    /** Highest static cost (graphql-armor: object 2, scalar 1, ×1.5 per level; introspection excepted). @default 1000 */
    GRAPHQL_MAX_COST: z.coerce.number().int().min(1).default(1000),
    /** Most aliases in one operation. @default 15 */
    GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(0).default(15),
    /** Most directives (`@include`, `@skip`, …) in one operation. @default 50 */
    GRAPHQL_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50),
    /** Most lexical tokens in one query document, counted while parsing. @default 1000 */
    GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(1).default(1000),
    /** Most operations in one batched (JSON array) request; 1 turns batching off. @default 10 */
    GRAPHQL_MAX_BATCH: z.coerce.number().int().min(1).default(10),
    /** Apollo's automatic persisted queries (a hash instead of the query text once registered). @default true */
    GRAPHQL_APQ: boolean.default(true),
    /** Run only the operations listed in GRAPHQL_SAFELIST_FILE; any other is refused with 403. @default false */
    GRAPHQL_SAFELIST: boolean.default(false),
    /** The safelist: JSON `{"operations": ["query …", …]}` (`npm run generate` writes one from the fixtures). @default "safelist.json" */
    GRAPHQL_SAFELIST_FILE: z.string().min(1).default('safelist.json'),
    /** Operation plans kept (one per document and operation name; least recently used go first). @default 1000 */
    GRAPHQL_PLAN_CACHE_SIZE: z.coerce.number().int().min(1).default(1000),
    /** Runs of a document after which graphql-jit compiles it; it is interpreted until then. @default 2 */
    GRAPHQL_COMPILE_AFTER: z.coerce.number().int().min(1).default(2),
  },
  uses: usesNodeEnv,
  read: (e) => ({
    /** Apollo Sandbox at `GET /graphql` and GraphiQL at `GET /graphiql`. */
    sandbox: e.GRAPHQL_SANDBOX ?? e.NODE_ENV !== 'production',
    graphql: {
      introspection: e.GRAPHQL_INTROSPECTION ?? e.NODE_ENV !== 'production',
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxCost: e.GRAPHQL_MAX_COST,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxDirectives: e.GRAPHQL_MAX_DIRECTIVES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxBatch: e.GRAPHQL_MAX_BATCH,
      apq: e.GRAPHQL_APQ,
      /** Operation plans kept in the LRU. */
      planCacheSize: e.GRAPHQL_PLAN_CACHE_SIZE,
      /** Runs of a document before graphql-jit compiles it. */
      compileAfter: e.GRAPHQL_COMPILE_AFTER,
      /** The safelist file's path when safelist mode is on; `undefined` = every valid operation may run. */
      safelistFile: e.GRAPHQL_SAFELIST ? e.GRAPHQL_SAFELIST_FILE : undefined,
    },
  }),
});
