// B5: the GraphQL pipeline ceiling. Bare Apollo Server 5 on node:http (as peer-apollo.mjs), our SDL and field
// resolvers, but `myOutings` answers from memory: no gRPC, no token check (the caller does not matter). The rows are
// those bench student 1's outings would be (reference-services/bench-population.ts), extended to 25 and turned into
// outings by the real resolver's mapping, so W1's query gets the JSON the gateway gives student 1. Request shapes:
// W1's query with `limit: 1` ("small", ≈ 260 B) and with `limit: 25` ("list", ≈ 5.9 KB).
import { createRequire } from 'node:module';
import { apolloRequestListener, startApollo } from '../lib/peer-context.mjs';
import { serve, serveLocal } from './serve.mjs';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../../dist/${path}`);
const { createExecutableSchema } = dist('src/graphql/executable-schema.js');
const { outingOfStudentRow } = dist('resolvers/outing/outing-model.js');
const { benchStudentUuid } = dist('reference-services/bench-population.js');

const OUTINGS = 25;
const DAY_S = 86_400;
const pad = (n) => String(1_000_000 + n).padStart(12, '0');

/** Student 1's finished outings, latest end first (as GetStudentOutings orders them), built once. */
function memoryOutings() {
  const today = Math.floor(Date.now() / 1000 / DAY_S) * DAY_S;
  return Array.from({ length: OUTINGS }, (_, i) => {
    const k = i + 1;
    const start = today - (k + 10) * DAY_S + 6 * 3600;
    const row = {
      outingId: `outing-${pad(100 + k)}`,
      place: '도서관',
      reason: `벤치마크 외출 ${k}`,
      startTime: start,
      endTime: start + 2 * 3600,
      situation: 'NORMAL',
      status: '5',
      arrivalTime: start + 3600,
    };
    return outingOfStudentRow(row, benchStudentUuid(1));
  });
}

await serve(async () => {
  const outings = memoryOutings();
  const schema = createExecutableSchema();
  // Same paging as the real resolver: 0 counts as 10.
  schema.getQueryType().getFields().myOutings.resolve = (_parent, { offset, limit }) =>
    outings.slice(offset ?? 0, (offset ?? 0) + (limit || 10));
  const apollo = await startApollo(schema);
  return serveLocal(
    apolloRequestListener(apollo, () => ({})),
    () => apollo.stop(),
  );
});
