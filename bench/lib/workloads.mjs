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

/** The cached REST read: route 21 as W3, without the unique query string, so every caller's read is a hit. */
export const w3CachedPath = () => '/v1/teachers/uuid/teacher-000000000001';

/** The uncached one-call REST read: route 13, a POST read (never cached) with a JSON body to bind and validate. */
export const W3_POST_PATH = '/v1/students/with-uuids';
export const w3PostBody = (i) => JSON.stringify({ student_uuids: [population.benchStudentUuid(1 + (i % POPULATION))] });

/** W4 (authz-denied): a student asking for the outing list, which only teachers may read. */
export const W4_DENIED_QUERY = 'query Denied { outings(limit: 5) { id } }';

/** W5: a read of the club service while its only instance is gone (breaker open). */
export const W5_QUERY = 'query Clubs { clubs { id } }';

/** JWT pools: `Bearer …` headers for POPULATION bench students and teachers. */
export function tokenPools(secret = SECRET, size = POPULATION) {
  const tokens = createAccessTokens(secret);
  const bearer = (uuid) => `Bearer ${tokens.sign(uuid).token}`;
  const range = Array.from({ length: size }, (_, k) => k + 1);
  // Well-formed HS512 tokens signed with another secret: only the signature check can refuse them.
  const forger = createAccessTokens(`${secret}-forged`);
  return {
    students: range.map((n) => bearer(population.benchStudentUuid(n))),
    teachers: range.map((n) => bearer(population.benchTeacherUuid(n))),
    forged: range.map((n) => `Bearer ${forger.sign(population.benchStudentUuid(n)).token}`),
  };
}

export const graphqlBody = (query, variables) => JSON.stringify(variables ? { query, variables } : { query });

/**
 * The request of each workload and baseline for the i-th request of a run, with the status it must answer: callers
 * rotate through the pools, W2/W3 arguments are unique per request. Shared by bench/run.mjs and bench/soak.mjs.
 */
export function requestsFor(pools) {
  const graphql = (auth, body, expect = 200) => ({
    method: 'POST',
    path: '/graphql',
    headers: { authorization: auth },
    body,
    expect,
  });
  const W1_BODY = graphqlBody(W1_QUERY);
  const TYPENAME_BODY = graphqlBody('{ __typename }');
  const student = (i) => pools.students[i % pools.students.length];
  const teacher = (i) => pools.teachers[i % pools.teachers.length];
  const request = {
    W1: (i) => graphql(student(i), W1_BODY),
    W2: (i) => graphql(student(i), graphqlBody(W2_QUERY, w2Variables(i))),
    W3: (i) => ({ path: w3Path(i), headers: { authorization: teacher(i) }, expect: 200 }),
    W3cached: (i) => ({ path: w3CachedPath(i), headers: { authorization: teacher(i) }, expect: 200 }),
    W3post: (i) => ({
      method: 'POST',
      path: W3_POST_PATH,
      headers: { authorization: teacher(i) },
      body: w3PostBody(i),
      expect: 200,
    }),
    /** The cheapest operation with a token: the whole request pipeline, nothing executed upstream. */
    typename: (i) => graphql(student(i), TYPENAME_BODY),
    W4rejected: () => graphql('Bearer not-a-token', W1_BODY, 401),
    W4forged: (i) => graphql(pools.forged[i % pools.forged.length], W1_BODY, 401),
    ping: () => ({ path: '/ping', expect: 200 }),
    W4denied: (i) => graphql(student(i), graphqlBody(W4_DENIED_QUERY)),
    W5: (i) => graphql(student(i), graphqlBody(W5_QUERY)),
    B5small: (i) => graphql(student(i), graphqlBody(W1_QUERY.replace('limit: 10', 'limit: 1'))),
    B5list: (i) => graphql(student(i), graphqlBody(W1_QUERY.replace('limit: 10', 'limit: 25'))),
    B1: () => ({ path: '/', expect: 200 }),
    B3n1: () => ({ path: '/n1', expect: 200 }),
    B3n3: (i) => ({ method: 'POST', path: '/n3', body: graphqlBody(W2_QUERY, w2Variables(i)), expect: 200 }),
    /** W6: 80% W1, 15% W2, 4% W3, 1% W4 (rejected), interleaved evenly. */
    W6: (i) => {
      const slot = i % 100;
      if (slot < 80) return request.W1(i);
      if (slot < 95) return request.W2(i);
      if (slot < 99) return request.W3(i);
      return request.W4rejected(i);
    },
  };
  return request;
}
