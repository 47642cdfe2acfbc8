/*
 * Beyond one machine (issue #21 item 4): the gateway on a real Redis Cluster, a real Sentinel-managed primary and
 * a real three-server Consul datacenter, all started by this suite on loopback under a temporary directory:
 *
 *   Redis Cluster, 3 primaries + 3 replicas (`redis-server --cluster-enabled yes`, `redis-cli --cluster create`,
 *   cluster-node-timeout 1 s) · Sentinel: a primary, its replica and 3 sentinels (down-after 1 s, quorum 2) ·
 *   Consul: 3 server agents (`-server -bootstrap-expect 3`) and the client agent the gateways and services use.
 *
 * Two gateway processes at a time, started as production runs them (`NODE_ENV=production node
 * dist/src/main.js`), in front of the reference services (one process, registered in Consul), each under the
 * faults suite's open-loop mixed load (GraphQL and REST reads and writes, 10 requests a second per replica):
 *
 *   cluster pair: probes (a read cached by one replica is a hit on the other; a write through one makes the
 *   other's cached read miss at its next request; an address blocked by one is refused by the other; a
 *   `@rateLimit` is counted once across both; an APQ hash registered through one runs through the other), the
 *   keys per primary, then SIGKILL of the primary holding the most cache keys → SIGTERM of the pair;
 *   sentinel pair: the same probes but APQ, then SIGKILL of the primary; then SIGKILL of the Consul leader while a
 *   new schedule replica registers.
 *
 * For each fault: how long the replacement took over, how long each replica's /readyz showed the cache bypassed,
 * the limits per replica or Consul unreachable, which requests failed and the latency; at the end every write a
 * gateway acknowledged is looked up in the announcement service (exactly once, under the id answered). Processes
 * are spawned from dist/ (`npm run test:clusters` builds first); afterAll stops every one of them.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLUSTER_SETTINGS, createClusterScenario, type ClusterRun } from './cluster-scenario';

const LAST_RUN = join(__dirname, 'last-run.json');

describe('the gateway on a Redis Cluster, a Sentinel set and three Consul servers, under load', () => {
  const scenario = createClusterScenario();
  let run: ClusterRun;

  beforeAll(async () => {
    if (!existsSync(join(__dirname, '../../dist/src/main.js'))) {
      throw new Error('dist/ is missing: run `npm run test:clusters` (it builds first)');
    }
    run = await scenario.run();
    const { records, ...figures } = run;
    writeFileSync(LAST_RUN, `${JSON.stringify({ requests: records.length, ...figures }, null, 2)}\n`);
    // eslint-disable-next-line no-console
    console.log(
      `clusters under load in ${run.wallTimeMs} ms (all figures: ${LAST_RUN})\n${JSON.stringify(
        { faults: run.faults, writes: run.writes, keySpread: run.keySpread },
        null,
        2,
      )}`,
    );
  }, 170_000);

  afterAll(async () => {
    const leftovers = await scenario.cleanup();
    expect(leftovers).toEqual([]);
  }, 30_000);

  describe.each(['cluster', 'sentinel'] as const)('two replicas on %s Redis', (mode) => {
    it('a read cached by one replica is a cache hit on the other at its first request', () => {
      expect(run.probes[mode].sharedHit).toEqual({
        firstHit: false,
        firstStatus: 200,
        secondHit: true,
        secondStatus: 200,
      });
    });

    it('a write through one replica makes the other miss at its next read, which shows the write', () => {
      expect(run.probes[mode].invalidation).toEqual({
        cachedOnB: true,
        writeStatus: 200,
        writeErrors: [],
        afterWriteHit: false,
        afterWriteSeesEvent: true,
      });
    });

    it('an address blocked by one replica is refused by the other, which never counted it to its threshold', () => {
      const { tripped, refusedByOther, polls } = run.probes[mode].ipBlock;
      expect({ tripped, refusedByOther }).toEqual({ tripped: 429, refusedByOther: true });
      expect(polls).toBeLessThan(CLUSTER_SETTINGS.floodThreshold);
    });

    it('a @rateLimit is counted once across both replicas: ten attempts pass, the eleventh is refused', () => {
      const { firstTen, eleventh } = run.probes[mode].fieldLimit;
      expect(firstTen.filter((code) => code === 'RATE_LIMITED')).toEqual([]);
      expect(firstTen.every((code) => code !== undefined)).toBe(true);
      expect(eleventh).toBe('RATE_LIMITED');
    });

    it('after the failover a write through one replica is still seen at once by the other', () => {
      expect(run.probes[mode].invalidationAfterFailover).toEqual({
        cachedOnB: true,
        writeStatus: 200,
        writeErrors: [],
        afterWriteHit: false,
        afterWriteSeesEvent: true,
      });
    });
  });

  it('an APQ hash registered through one replica runs through the other (an unknown one is still refused)', () => {
    expect(run.probes.cluster.persistedQuery).toEqual({
      registered: true,
      byHashOnOther: true,
      unknownHash: ['PersistedQueryNotFound'],
    });
  });

  it('on the cluster: a Request-Security value is claimed once across replicas, a counter is shared, commands are traced', () => {
    const { usedValues, sharedCounter, spans } = run.probes.cluster.clients;
    expect(usedValues).toEqual({ firstClaim: true, replayOnOther: false, otherValue: true });
    expect(sharedCounter).toEqual([true, true, true, false]);
    // Six SETs on keys of several primaries and one script (EVALSHA, and EVAL on a node that lacked it): a span
    // each, all in the request's trace.
    expect(spans.count).toBeGreaterThanOrEqual(7);
    expect(spans.names).toEqual(expect.arrayContaining(['redis SET', 'redis EVALSHA']));
    expect(spans.allInRequest).toBe(true);
    expect(spans.system).toEqual(['redis']);
  });

  it('spreads the cache and limit keys over at least two of the three primaries', () => {
    const primaries = Object.values(run.keySpread);
    expect(primaries).toHaveLength(3);
    expect(primaries.filter((kinds) => (kinds.cache ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
    expect(primaries.filter((kinds) => (kinds.limits ?? 0) > 0).length).toBeGreaterThanOrEqual(2);
    expect(primaries.every((kinds) => (kinds.other ?? 0) === 0)).toBe(true);
  });

  describe.each([
    ['a Redis Cluster primary', 'clusterPrimary'],
    ['the Sentinel-managed primary', 'sentinelPrimary'],
    ['the Consul leader', 'consulLeader'],
  ] as const)('%s killed under load', (_name, fault) => {
    it('is replaced, and no request fails meanwhile', () => {
      const figures = run.faults[fault];
      expect(figures.takeoverMs).not.toBeNull();
      expect(figures.requests).toBeGreaterThan(50);
      expect(figures.failed).toEqual([]);
    });
  });

  it('the cache and the shared limits come back within seconds of a Redis failover, on both replicas', () => {
    for (const fault of ['clusterPrimary', 'sentinelPrimary'] as const) {
      const figures = run.faults[fault];
      // null: still bypassed or per replica when the phase ended (a client that never reconnected).
      for (const spans of [figures.cacheBypassedMs, figures.limitsDegradedMs]) {
        for (const ms of spans) {
          expect(ms).not.toBeNull();
          expect(ms).toBeLessThanOrEqual(10_000);
        }
      }
      expect(figures.firstCacheHitMs).not.toBeNull();
    }
    // Nothing of Redis is touched by the Consul fault.
    expect([...run.faults.consulLeader.cacheBypassedMs, ...run.faults.consulLeader.limitsDegradedMs]).toEqual([
      0, 0, 0, 0,
    ]);
  });

  it('routes to a replica registered while Consul had no leader, once a new one is elected', () => {
    expect(run.consulNewInstanceListedMs).not.toBeNull();
  });

  it('every write a gateway acknowledged is in the service exactly once, and none was sent twice', () => {
    const { acknowledged, verified, duplicates, stored, createCallsReceived } = run.writes;
    expect(acknowledged).toBeGreaterThan(100);
    expect(verified).toBe(acknowledged);
    expect(duplicates).toBe(0);
    expect(createCallsReceived).toBe(stored);
  });

  it('the first pair of gateways exited 0 on SIGTERM after its Redis failover', () => {
    expect(run.clusterGatewayExits).toEqual([0, 0]);
  });
});
