import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'graphql';
import { parseConfig } from '../../../core/config';
import { createOperationSafelist, loadOperationSafelist } from '../../../src/graphql/operation-safelist';
import { apolloLimitOptions } from '../../../src/graphql/request-limits';

const ROOT = join(__dirname, '../../..');
const PRODUCTION = { NODE_ENV: 'production', JWT_SECRET_KEY: 'secret' };

describe('request limit settings', () => {
  it('has a default for every limit', () => {
    expect(parseConfig({}).graphql).toEqual({
      introspection: true,
      maxDepth: 8,
      maxCost: 1000,
      maxAliases: 15,
      maxDirectives: 50,
      maxTokens: 1000,
      maxBatch: 10,
      apq: true,
      planCacheSize: 1000,
      compileAfter: 2,
      safelistFile: undefined,
    });
    expect(parseConfig({}).cors).toEqual({ origins: ['*'] });
  });

  it('turns introspection and Sandbox off in production, each switchable', () => {
    expect(parseConfig(PRODUCTION)).toMatchObject({ sandbox: false, graphql: { introspection: false } });
    expect(parseConfig({ ...PRODUCTION, GRAPHQL_INTROSPECTION: 'true', GRAPHQL_SANDBOX: 'true' })).toMatchObject({
      sandbox: true,
      graphql: { introspection: true },
    });
    expect(parseConfig({ GRAPHQL_INTROSPECTION: 'false' }).graphql.introspection).toBe(false);
  });

  it('reads the safelist file only in safelist mode, and the CORS origins as a list', () => {
    expect(parseConfig({ GRAPHQL_SAFELIST_FILE: 'x.json' }).graphql.safelistFile).toBeUndefined();
    expect(parseConfig({ GRAPHQL_SAFELIST: 'true' }).graphql.safelistFile).toBe('safelist.json');
    expect(parseConfig({ CORS_ORIGINS: 'https://a.example, https://b.example' }).cors.origins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });

  it('reports every invalid limit at once', () => {
    expect(() => parseConfig({ GRAPHQL_MAX_DEPTH: '0', GRAPHQL_MAX_BATCH: 'many' })).toThrow(
      /GRAPHQL_MAX_DEPTH[\s\S]*GRAPHQL_MAX_BATCH/,
    );
  });

  it('maps batching and APQ onto Apollo options', () => {
    const limits = parseConfig({ GRAPHQL_MAX_BATCH: '1', GRAPHQL_APQ: 'false' }).graphql;
    expect(apolloLimitOptions(limits)).toMatchObject({
      allowBatchedHttpRequests: false,
      persistedQueries: false,
      parseOptions: { maxTokens: 1000 },
    });
    expect(apolloLimitOptions(parseConfig({}).graphql).validationRules).toHaveLength(4);
  });
});

describe('operation safelist', () => {
  it('matches an operation whatever its formatting and comments, and nothing else', () => {
    const safelist = createOperationSafelist(['query Me { me { id } }']);
    expect(safelist.has(parse('# the caller\nquery Me {\n  me {\n    id\n  }\n}'))).toBe(true);
    expect(safelist.has(parse('query Me { me { id role } }'))).toBe(false);
    expect(safelist.has(parse('query Other { me { id } }'))).toBe(false);
  });

  it('refuses a malformed safelist file at start-up', () => {
    expect(() => loadOperationSafelist(join(ROOT, 'package.json'))).toThrow(/must hold \{"operations"/);
  });

  it('safelist.json is what `npm run generate:safelist` makes from the fixtures (run it when this fails)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'safelist-'));
    try {
      execFileSync('node', [join(ROOT, 'scripts/generate-safelist.mjs'), join(dir, 'safelist.json')], { cwd: ROOT });
      expect(readFileSync(join(ROOT, 'safelist.json'), 'utf8')).toBe(readFileSync(join(dir, 'safelist.json'), 'utf8'));
      expect(loadOperationSafelist(join(ROOT, 'safelist.json')).size).toBeGreaterThan(50);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
