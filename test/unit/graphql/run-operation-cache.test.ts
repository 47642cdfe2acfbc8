import { getOperationAST, parse } from 'graphql';
import type { Caller } from '../../../core/access-tokens';
import { UnavailableReason } from '../../../core/error-codes';
import { GatewayError, ServiceUnavailableError } from '../../../core/errors';
import { ErrorCode } from '../../../core/error-codes';
import { invalidationsOf } from '../../../cache/invalidation-rules';
import { createMemoryResponseStore } from '../../../cache/memory-response-store';
import { recordWrites } from '../../../cache/recorded-writes';
import { createResponseCache } from '../../../cache/response-cache';
import type { ResponseStore } from '../../../cache/response-store';
import type { Write, WritePort } from '../../../cache/write-port';
import { createConstraintChecker } from '../../../directives/constraint-directive';
import { wrapParentRuleFields } from '../../../permissions/parent-rule-fields';
import type { GraphQLContext } from '../../../src/context';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';
import { buildOperationPlan, type OperationPlan } from '../../../src/graphql/operation-plan/operation-plan';
import { inferredTypesOf } from '../../../src/graphql/operation-plan/result-entities';
import { runOperation } from '../../../src/graphql/operation-plan/run-operation';

/**
 * The executor's cache step (`runOperation`): real plans of the real schema, resolvers answering from fake
 * clients, the in-memory store on a clock the test moves. No sockets, no Redis.
 */
const schema = wrapParentRuleFields(createExecutableSchema());
recordWrites(schema);
const constraints = createConstraintChecker(schema);
const TTLS = { defaultMs: 60_000, timetableMs: 86_400_000 };
const planning = {
  schema,
  constraints,
  rateLimits: new Map(),
  ttls: TTLS,
  caching: true,
  compileAfter: 1000,
  inferredTypes: inferredTypesOf(schema),
};

function planOf(query: string): { plan: OperationPlan; document: ReturnType<typeof parse> } {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return { plan: buildOperationPlan(planning, document, operation), document };
}

const ADMIN: Caller = { role: 'admin', uuid: 'admin-000000000001' };
const OTHER_ADMIN: Caller = { role: 'admin', uuid: 'admin-000000000002' };
const STUDENT: Caller = { role: 'student', uuid: 'student-000000000001' };

/** The club service as the resolvers see it: `count` answers (or throws) as each test sets it. */
function fakeClub() {
  const club = {
    count: jest.fn(async (): Promise<{ Count: number }> => ({ Count: 7 })),
    deleted: jest.fn(async () => ({})),
  };
  return club;
}

function setup() {
  let now = 1_000_000;
  const memory = createMemoryResponseStore({ maxStalenessMs: 3_600_000, maxEntries: 100, now: () => now });
  const sets: Array<{ key: string; tags: string[]; ttlMs: number }> = [];
  const gets: string[] = [];
  const store: ResponseStore = {
    ...memory,
    get: (key) => {
      gets.push(key);
      return memory.get(key);
    },
    set: (key, body, tags, ttlMs, readAt) => {
      sets.push({ key, tags: [...tags], ttlMs });
      return memory.set(key, body, tags, ttlMs, readAt);
    },
  };
  const cache = createResponseCache({ store, ttls: TTLS });
  const club = fakeClub();
  const written: Write[] = [];
  const order: string[] = [];
  /** Reports like the real port: it drops what the write made stale (and is awaited before the answer). */
  const writes: WritePort = {
    async written(write) {
      written.push(write);
      await cache.invalidate(invalidationsOf(write.field, write.args, write.caller));
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push('write reported');
    },
    settle: async () => {},
  };
  const contextOf = (caller: Caller | 'anonymous') =>
    ({
      requestId: 'req-1',
      caller: caller === 'anonymous' ? undefined : caller,
      ip: '203.0.113.7',
      clients: {
        club: {
          student: { getTotalCountOfClubs: club.count },
          leader: { deleteClubWithUuid: club.deleted },
        },
      },
      loaders: { club: { clear: () => undefined } },
    }) as unknown as GraphQLContext;
  const run = async (query: string, caller: Caller | 'anonymous' = ADMIN, context = contextOf(caller)) => {
    const { plan, document } = planOf(query);
    const result = await runOperation(
      plan,
      { document, variables: undefined, context },
      { constraints, cache, writes },
    );
    // Stores are not awaited by the executor; the next lookup of the key waits for them, as here.
    await Promise.all(sets.map(({ key }) => cache.settled(key)));
    return result;
  };
  return {
    cache,
    club,
    sets,
    gets,
    written,
    order,
    run,
    contextOf,
    advance: (ms: number) => (now += ms),
  };
}

const COUNT = '{ clubCount }';

describe('the executor cache step (runOperation with a response cache)', () => {
  it('misses, executes and stores the result with its read tags and TTL; the next request is a hit', async () => {
    const { run, club, sets } = setup();
    await expect(run(COUNT)).resolves.toEqual({ data: { clubCount: 7 } });
    expect(sets).toHaveLength(1);
    expect(sets[0]?.tags).toContain('clubs:lists');
    expect(sets[0]?.ttlMs).toBe(60_000);
    await expect(run(COUNT)).resolves.toEqual({ data: { clubCount: 7 } });
    expect(club.count).toHaveBeenCalledTimes(1);
  });

  it('shares a PUBLIC entry within a role and never across roles', async () => {
    const { run, club } = setup();
    await run(COUNT, ADMIN);
    await run(COUNT, OTHER_ADMIN);
    expect(club.count).toHaveBeenCalledTimes(1);
    await run(COUNT, STUDENT);
    expect(club.count).toHaveBeenCalledTimes(2);
  });

  it('never caches for an anonymous caller', async () => {
    const { run, sets, gets } = setup();
    // Refused by the rule; nothing is looked up or stored either way.
    const result = await run(COUNT, 'anonymous');
    expect(result.errors?.length).toBeGreaterThan(0);
    expect(gets).toEqual([]);
    expect(sets).toEqual([]);
  });

  it('stores nothing when the execution has errors', async () => {
    const { run, club, sets } = setup();
    club.count.mockRejectedValueOnce(new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'club call failed'));
    const failed = await run(COUNT);
    expect(failed.errors?.length).toBe(1);
    expect(sets).toEqual([]);
    await expect(run(COUNT)).resolves.toEqual({ data: { clubCount: 7 } });
    expect(club.count).toHaveBeenCalledTimes(2);
  });

  it('serves the last entry, marked stale, when its service has no instance or open breakers', async () => {
    const { run, club, advance } = setup();
    await run(COUNT);
    advance(61_000);
    club.count.mockRejectedValueOnce(new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, 'no club instance'));
    await expect(run(COUNT)).resolves.toEqual({
      data: { clubCount: 7 },
      extensions: { stale: true, staleAgeSeconds: 61 },
    });
    club.count.mockRejectedValueOnce(new ServiceUnavailableError(UnavailableReason.CIRCUIT_OPEN, 'breakers open'));
    await expect(run(COUNT)).resolves.toMatchObject({ extensions: { stale: true } });
  });

  it('answers the error, not a stale entry, for failures other than an outage or without an entry', async () => {
    const { run, club, advance } = setup();
    club.count.mockRejectedValueOnce(new ServiceUnavailableError(UnavailableReason.NO_INSTANCE, 'no club instance'));
    expect((await run(COUNT)).errors?.length).toBe(1);
    await run(COUNT);
    advance(61_000);
    club.count.mockRejectedValueOnce(new GatewayError(ErrorCode.UPSTREAM_TIMEOUT, 'club did not answer in time'));
    const timedOut = await run(COUNT);
    expect(timedOut.extensions).toBeUndefined();
    expect(timedOut.errors?.length).toBe(1);
  });

  it('reports a mutation to the write port before answering, which drops the reads it made stale', async () => {
    const { run, club, written, order } = setup();
    await run(COUNT);
    const answered = run('mutation { deleteClub(id: "club-000000000001") }').then((result) => {
      order.push('answered');
      return result;
    });
    await expect(answered).resolves.toEqual({ data: { deleteClub: 'club-000000000001' } });
    expect(order).toEqual(['write reported', 'answered']);
    expect(written).toEqual([
      {
        field: 'deleteClub',
        args: { id: 'club-000000000001' },
        caller: ADMIN,
        requestId: 'req-1',
        result: 'club-000000000001',
        succeeded: true,
      },
    ]);
    await run(COUNT);
    expect(club.count).toHaveBeenCalledTimes(2);
  });

  it("reuses the fast path's miss: the executor does not look the key up again", async () => {
    const { cache, run, gets, contextOf, club } = setup();
    const req = { headers: { 'content-type': 'application/json' } } as never;
    /** A JSON POST: the fast path sees the body first, then the executor runs on the same context. */
    const post = async (caller: Caller) => {
      const context = contextOf(caller);
      expect(await cache.fastPath(req, {} as never, { query: COUNT }, context)).toBe(false);
      const looked = gets.length;
      await run(COUNT, caller, context);
      return gets.length - looked;
    };
    // The document is new: the fast path cannot build its key, so the executor looks up (and learns the scope).
    expect(await post(ADMIN)).toBe(1);
    expect(await post(STUDENT)).toBe(0);
    expect(club.count).toHaveBeenCalledTimes(2);
  });
});
