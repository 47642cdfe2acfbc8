import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createLogger } from '../../../core/logger';
import { GRAPHIQL_CONTENT_SECURITY_POLICY, registerGraphiQL } from '../../../src/graphql/graphiql-route';
import { createHttpServer, type HttpServer } from '../../../http/http-server';
import { httpRequest } from '../../helpers/http-request';

/** The route against a small build of its own (the real one is driven in Chromium by test/e2e/). */
const FILES: Record<string, string> = {
  'explorer-AAAA1111.js': 'console.log("the explorer");',
  'explorer-BBBB2222.css': 'body { margin: 0 }',
  'codicon-CCCC3333.ttf': 'not really a font',
};

describe('GET /graphiql and /graphiql/assets/:file', () => {
  const silent = createLogger({ name: 'graphiql-route-test', level: 'silent' });
  const dir = mkdtempSync(join(tmpdir(), 'graphiql-route-'));
  let http: HttpServer;
  let unbuilt: HttpServer;
  let base: string;
  let unbuiltBase: string;
  beforeAll(async () => {
    mkdirSync(join(dir, 'assets'));
    for (const [file, text] of Object.entries(FILES)) {
      writeFileSync(join(dir, 'assets', file), text);
      writeFileSync(join(dir, 'assets', `${file}.gz`), gzipSync(text));
    }
    const manifest = { script: 'explorer-AAAA1111.js', style: 'explorer-BBBB2222.css', files: Object.keys(FILES) };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    http = createHttpServer({ logger: silent, exposure: { upstreamFacts: false } });
    registerGraphiQL(http, { dir, endpoint: '/graphql', logger: silent });
    base = `http://127.0.0.1:${await http.listen('127.0.0.1', 0)}`;
    unbuilt = createHttpServer({ logger: silent, exposure: { upstreamFacts: false } });
    registerGraphiQL(unbuilt, { dir: join(dir, 'missing'), endpoint: '/graphql', logger: silent });
    unbuiltBase = `http://127.0.0.1:${await unbuilt.listen('127.0.0.1', 0)}`;
  });
  afterAll(async () => {
    await http.close();
    await unbuilt.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves the page naming the build's script and style, revalidated every time, under a same-origin policy", async () => {
    const res = await httpRequest(`${base}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toBe(GRAPHIQL_CONTENT_SECURITY_POLICY);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.text).toContain('<script type="module" src="/graphiql/assets/explorer-AAAA1111.js"></script>');
    expect(res.text).toContain('<link rel="stylesheet" href="/graphiql/assets/explorer-BBBB2222.css" />');
    expect(res.text).toContain('data-endpoint="/graphql"');
    // No inline script, and no origin but the gateway's own anywhere in the page or the policy.
    expect(res.text).not.toMatch(/<script>|<script(?![^>]*\bsrc=)[^>]*>|https?:\/\//);
    expect(GRAPHIQL_CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|'unsafe-eval'/);
    expect(GRAPHIQL_CONTENT_SECURITY_POLICY).toMatch(/(^|; )script-src 'self'(;|$)/);
  });

  it.each([
    ['explorer-AAAA1111.js', 'text/javascript; charset=utf-8'],
    ['explorer-BBBB2222.css', 'text/css; charset=utf-8'],
    ['codicon-CCCC3333.ttf', 'font/ttf'],
  ])('serves %s as %s, cached for a year (its name changes with its content)', async (file, type) => {
    const res = await httpRequest(`${base}/graphiql/assets/${file}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.text).toBe(FILES[file]);
  });

  it('sends the gzip twin to a client that accepts gzip', async () => {
    const res = await fetch(`${base}/graphiql/assets/explorer-AAAA1111.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('accept-encoding');
    expect(await res.text()).toBe(FILES['explorer-AAAA1111.js']);
  });

  it.each([
    '/graphiql/assets/manifest.json',
    '/graphiql/assets/..%2Fmanifest.json',
    '/graphiql/assets/%2E%2E%2F%2E%2E%2Fpackage.json',
    '/graphiql/assets/explorer-AAAA1111.js.gz',
    '/graphiql/assets/explorer.js',
  ])('answers 404 for %s (only the files the build listed)', async (path) => {
    const res = await httpRequest(`${base}${path}`);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('explorer');
  });

  it('answers 503 with the fix when the explorer was never built', async () => {
    const page = await httpRequest(`${unbuiltBase}/graphiql`);
    expect(page.status).toBe(503);
    expect(page.text).toMatch(/npm run build/);
    expect((await httpRequest(`${unbuiltBase}/graphiql/assets/explorer-AAAA1111.js`)).status).toBe(404);
  });
});
