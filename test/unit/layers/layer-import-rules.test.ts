import { execFileSync } from 'node:child_process';
import path from 'node:path';

// The lint rule that keeps the layers one-way (eslint.config.mjs): a break fails `npm test` through `npm run lint`;
// these cases prove the rule sees each kind of break, so a config edit cannot switch it off unnoticed.
// ESLint loads its flat config by ESM import, which Jest's module system cannot: the cases are linted in one child.
const root = path.resolve(__dirname, '../../..');
const LINT_CASES = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const [file, source] of cases) {
    const [result] = await eslint.lintText(source, { filePath: require('node:path').resolve(file) });
    out.push(result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message));
  }
  process.stdout.write(JSON.stringify(out));
})();
`;

const REFUSED: Array<[string, string]> = [
  ['rest/x.ts', "import { loadTypeDefs } from '../src/graphql/type-defs';\nloadTypeDefs();\n"],
  ['rest/handlers/x.ts', "import { createGateway } from '../../src/create-gateway';\ncreateGateway;\n"],
  ['core/x.ts', "import { readBody } from '../http/read-body';\nreadBody;\n"],
  ['http/x.ts', "import { createCall } from '../grpc-clients/call';\ncreateCall;\n"],
  ['cache/x.ts', "import { createRestGuards } from '../rest/create-rest-guards';\ncreateRestGuards;\n"],
  ['discovery/x.ts', "import { createResponseStore } from '../cache/response-store';\ncreateResponseStore;\n"],
  [
    'src/x.ts',
    "import { startReferenceServices } from '../reference-services/start-reference-services';\nstartReferenceServices;\n",
  ],
  ['health-checker/x.ts', "import { createCall } from '../grpc-clients/call';\ncreateCall;\n"],
  [
    'resolvers/x.ts',
    "import { GraphQLContext } from '../src/context';\nexport const c: GraphQLContext | undefined = undefined;\n",
  ],
  ['cache/y.ts', "export { createRestGuards } from '../rest/create-rest-guards';\n"],
];
const ALLOWED: Array<[string, string]> = [
  ['resolvers/x.ts', "import type { GraphQLContext } from '../src/context';\nexport type C = GraphQLContext;\n"],
  ['rest/x.ts', "import { readBody } from '../http/read-body';\nreadBody;\n"],
  [
    'src/x.ts',
    "export async function load() {\n  return import('../reference-services/start-reference-services');\n}\n",
  ],
  ['traffic/x.ts', "import { createRedisClient } from '../cache/redis-client';\ncreateRedisClient;\n"],
];

describe('the one-way layer imports', () => {
  let errors: string[][] = [];
  beforeAll(() => {
    const input = JSON.stringify([...REFUSED, ...ALLOWED]);
    errors = JSON.parse(execFileSync(process.execPath, ['-e', LINT_CASES], { cwd: root, input, encoding: 'utf8' }));
  }, 60_000);

  it.each(REFUSED.map(([file], i) => [file, i]))(
    'refuses an import from %s that points up or into the stand-ins',
    (_file, i) => {
      expect(errors[i]).toHaveLength(1);
    },
  );

  it.each(ALLOWED.map(([file], i) => [file, REFUSED.length + i]))(
    'allows an import from %s within or below its layer (and the embedded mode’s dynamic import)',
    (_file, i) => {
      expect(errors[i]).toEqual([]);
    },
  );
});
