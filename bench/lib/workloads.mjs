// The requests of every workload (benchmark-plan.md §1), shared by the gateway, the baselines and the peers so
// that each answers exactly the same thing. Callers come from a pool of POPULATION bench users
// (reference-services/bench-population.ts) with tokens signed by SECRET.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createAccessTokens } = require('../../dist/core/access-tokens.js');
const population = require('../../dist/reference-services/bench-population.js');

export const SECRET = 'bench-secret-0123456789abcdef';
export const POPULATION = 100;

/** W1: a student's own outings, one page of 10 (≈ 2 KB), cached per caller. */
export const W1_QUERY =
  'query MyOutings { myOutings(limit: 10) { id place reason situation status startsAt endsAt arrivedAt isLate } }';

/**
 * W2 (asked by students): three fields from three services (auth search, club list, announcement page), each one unary call with a
 * small (≈ 60 B) reply. `$name` is unique per request, so no cache or dedup can answer it.
 */
export const W2_QUERY = `query FanOut($name: String!, $page: Int!) {
  students(filter: { name: $name }) { id }
  clubs(name: $name) { id }
  announcements(type: CLUB, page: $page) { total items { id } }
}`;
export const w2Variables = (i) => ({ name: `nobody-${i}-${process.pid}`, page: 1000 + (i % 1000) });

/** W3: legacy route 21, one teacher reading another's profile; a unique query string makes every GET a miss. */
export const w3Path = (i) => `/v1/teachers/uuid/teacher-000000000001?n=${i}-${process.pid}`;

/** W4 (authz-denied): a student asking for the outing list, which only teachers may read. */
export const W4_DENIED_QUERY = 'query Denied { outings(limit: 5) { id } }';

/** W5: a read of the club service while its only instance is gone (breaker open). */
export const W5_QUERY = 'query Clubs { clubs { id } }';

/** JWT pools: `Bearer …` headers for POPULATION bench students and teachers. */
export function tokenPools(secret = SECRET, size = POPULATION) {
  const tokens = createAccessTokens(secret);
  const bearer = (uuid) => `Bearer ${tokens.sign(uuid).token}`;
  const range = Array.from({ length: size }, (_, k) => k + 1);
  return {
    students: range.map((n) => bearer(population.benchStudentUuid(n))),
    teachers: range.map((n) => bearer(population.benchTeacherUuid(n))),
  };
}

export const graphqlBody = (query, variables) => JSON.stringify(variables ? { query, variables } : { query });
