import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../../core/logger';
import type { HttpServer } from '../../http/http-server';
import { sendJson } from '../../http/send-json';

/** What `scripts/build-graphiql.mjs` writes beside `assets/`. */
interface GraphiQLManifest {
  /** The page's module script and stylesheet. */
  script: string;
  style: string;
  /** Every file under `assets/` that may be served (each also has a `.gz` twin). */
  files: string[];
}

export interface GraphiQLOptions {
  /** `dist/graphiql`: `manifest.json` and `assets/`, written by `npm run build`. */
  dir: string;
  /** Where the page sends its operations. */
  endpoint: string;
  /** Subscriptions are served over WebSocket on `endpoint`: the page subscribes there. */
  subscriptions?: boolean;
  logger: Logger;
}

/**
 * The gateway's own origin only, for everything. Inline styles are allowed because Monaco (GraphiQL's editor)
 * writes `<style>` elements and `style` attributes as it renders; GraphiQL's stylesheet embeds its fonts as `data:`
 * URIs. No inline script, no other origin, no framing.
 */
export const GRAPHIQL_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  // 'self' covers the same origin's ws:/wss: too (CSP level 3), where subscriptions go.
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  // The page names the current build's hashed files: always revalidated, so an upgrade is picked up at once.
  'cache-control': 'no-cache',
  'content-security-policy': GRAPHIQL_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function pageHtml(manifest: GraphiQLManifest, endpoint: string, subscriptions: boolean): string {
  const asset = (file: string) => `/graphiql/assets/${escapeHtml(file)}`;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>GraphiQL · DMS-SMS gateway</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${asset(manifest.style)}" />
    <script type="module" src="${asset(manifest.script)}"></script>
  </head>
  <body>
    <div id="graphiql" data-endpoint="${escapeHtml(endpoint)}"${subscriptions ? ' data-subscriptions="websocket"' : ''}>Loading GraphiQL…</div>
  </body>
</html>
`;
}

/** `Accept-Encoding` names gzip (or `*`) without `q=0`. */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

const notFound = (res: ServerResponse) => sendJson(res, 404, { status: 404, message: 'not found' });

/**
 * `GET /graphiql`: GraphiQL, the explorer that needs no internet (Apollo Sandbox at `GET /graphql` loads from
 * Apollo's CDN). Every script, style, font and worker is served from `GET /graphiql/assets/:file`, built from npm
 * into `dist/graphiql` by `npm run build`; content-hashed names, so they are cached for a year.
 */
export function registerGraphiQL(
  http: HttpServer,
  { dir, endpoint, subscriptions = false, logger }: GraphiQLOptions,
): void {
  let manifest: GraphiQLManifest | undefined;
  let warned = false;
  // Read on first use (not at start): a gateway run from sources without a build still starts.
  const loadManifest = async (): Promise<GraphiQLManifest | undefined> => {
    try {
      manifest ??= JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as GraphiQLManifest;
    } catch (error) {
      if (!warned) logger.warn({ err: error, dir }, 'GraphiQL is not built: run `npm run build`');
      warned = true;
    }
    return manifest;
  };

  http.route('GET', '/graphiql', async ({ res }) => {
    const built = await loadManifest();
    if (!built) {
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('GraphiQL is not built on this server: run `npm run build`.\n');
      return;
    }
    const body = pageHtml(built, endpoint, subscriptions);
    res.writeHead(200, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });

  http.route('GET', '/graphiql/assets/:file', async ({ req, res, params }) => {
    const built = await loadManifest();
    const file = params.file;
    // Only the files the build listed: no path from the URL ever reaches the file system unchecked.
    if (!built || !file || !built.files.includes(file)) return notFound(res);
    const gzip = acceptsGzip(req.headers['accept-encoding']);
    const path = join(dir, 'assets', gzip ? `${file}.gz` : file);
    const { size } = await stat(path);
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': size,
      'cache-control': 'public, max-age=31536000, immutable',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'x-content-type-options': 'nosniff',
      // A worker takes its policy from its own script's response.
      'content-security-policy': GRAPHIQL_CONTENT_SECURITY_POLICY,
    });
    await pipeline(createReadStream(path), res).catch((error: NodeJS.ErrnoException) => {
      // A browser that leaves the page mid-download is no error of ours.
      if (error.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    });
  });
}
