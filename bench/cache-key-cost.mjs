// What the GraphQL fast path spends on a cache hit's key before the store lookup, against a key taken from the raw
// body bytes (#18 item 5's "key from bytes already at hand"), in isolation: W1's body, the built gateway's own
// helpers. Today: JSON.parse of the body, the nesting check, the document's scope, the canonical variables and one
// SHA-256. From the bytes: the body as a string, a map lookup for its scope, one SHA-256.
//
//   node bench/cache-key-cost.mjs [--rounds 3]     (needs `npm run build`)
import { hash } from 'node:crypto';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { W1_QUERY, graphqlBody } from './lib/workloads.mjs';

const require = createRequire(import.meta.url);
const { jsonNestingExceeds, MAX_JSON_NESTING } = require('../dist/src/graphql/json-nesting.js');
const { stableStringify } = require('../dist/cache/response-cache.js');
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });

const raw = Buffer.from(graphqlBody(W1_QUERY));
const session = 'user:2b0e7a4c-0b6f-4a55-9d0b-6f1c1b9c2d11';
const scopes = new Map([[`\u0000${W1_QUERY}`, 'PRIVATE']]);
const bodies = new Map([[raw.toString('latin1'), 'PRIVATE']]);

function fromParsedBody() {
  const body = JSON.parse(raw.toString('utf8'));
  if (jsonNestingExceeds(body, MAX_JSON_NESTING)) throw new Error('too deep');
  const { query, operationName, variables } = body;
  if (scopes.get(`${operationName ?? ''}\u0000${query}`) === undefined) throw new Error('unknown document');
  const vars = variables ? stableStringify(variables) : '{}';
  return hash('sha256', `${query.length}:${query}|${operationName ?? ''}|${vars}|${session}`, 'base64url');
}
function fromBytes() {
  const text = raw.toString('latin1');
  if (bodies.get(text) === undefined) throw new Error('unknown body');
  return hash('sha256', `${text}|${session}`, 'base64url');
}
const perCall = (f) => {
  for (let i = 0; i < 200_000; i += 1) f();
  const start = process.hrtime.bigint();
  for (let i = 0; i < 1_000_000; i += 1) f();
  return Number(process.hrtime.bigint() - start) / 1e6 / 1e3;
};
for (let round = 0; round < Number(args.rounds); round += 1) {
  console.log(
    `round ${round + 1}: from the parsed body ${perCall(fromParsedBody).toFixed(2)} µs a key · ` +
      `from the raw bytes ${perCall(fromBytes).toFixed(2)} µs`,
  );
}
