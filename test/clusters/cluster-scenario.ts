import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAccessTokens } from '../../core/access-tokens';
import { SERVICE_NAMES } from '../../core/config';
import { DEMO_ACCOUNTS } from '../../reference-services/demo-data';
import { readAnnouncementLedger } from '../faults/announcement-ledger';
import { isAlive, killAllStarted } from '../faults/child-processes';
import { startGatewayProcess, type GatewayProcess, type Readyz } from '../faults/gateway-process';
import { isWrite, outcomeOf, startMixedLoad, type LoadRecord, type MixedLoad } from '../faults/mixed-load';
import { CREATE_ANNOUNCEMENT_PATH } from '../faults/scenario-run';
import { startServiceInstance, type ServiceInstanceProcess } from '../faults/service-instances';
import { sleep, waitUntil, within } from '../faults/wait-until';
import { startConsulServers, type ConsulServers } from '../helpers/consul-servers';
import { freePort } from '../helpers/free-port';
import { TEST_JWT_SECRET } from '../helpers/gateway';
import { redisCommand, startRedisCluster, type RedisCluster } from '../helpers/redis-cluster';
import { startRedisSentinelSet, type RedisSentinelSet } from '../helpers/redis-sentinel-set';
import { probeClusterClients } from './cluster-clients';
import { firstAfter, sampleReadyz, spanOf, type ReadySampler } from './readyz-sampler';
import {
  probeFieldLimit,
  probeInvalidation,
  probeIpBlock,
  probePersistedQuery,
  probeSharedHit,
} from './replica-probes';

/** Settings of the run; the assertions read their bounds from here. */
export const CLUSTER_SETTINGS = {
  /** Requests a second sent to each gateway replica (two replicas at a time). */
  loadPerReplica: 10,
  /** `cluster-node-timeout` of the Redis Cluster. */
  clusterNodeTimeoutMs: 1000,
  /** `down-after-milliseconds` of the sentinels. */
  sentinelDownAfterMs: 1000,
  floodThreshold: 20,
  consulWatchWaitSeconds: 5,
  /** How long the load runs on after each fault, to see the recovery. */
  settleMs: 4000,
} as const;

export type Phase =
  | 'cluster'
  | 'cluster-failover'
  | 'cluster-after'
  | 'sentinel'
  | 'sentinel-failover'
  | 'consul-failover'
  | 'sentinel-after';

/** What one fault did to the two replicas under load. */
export interface FaultFigures {
  /** SIGKILL to the replacement taking over, as the cluster, the sentinels or the Consul servers report it. */
  takeoverMs: number | null;
  /** Per replica: how long `/readyz` showed the cache bypassed, the limits per replica, or Consul unreachable. */
  cacheBypassedMs: Array<number | null>;
  limitsDegradedMs: Array<number | null>;
  discoveryUnreachableMs: Array<number | null>;
  /** From the kill to the first cache hit of the load. */
  firstCacheHitMs: number | null;
  /** Requests the load sent from the kill to the end of the phase, and how they ended. */
  requests: number;
  failed: Array<Pick<LoadRecord, 'kind' | 'status' | 'code' | 'transportError'> & { afterKillMs: number }>;
  latencyMs: LatencyFigures;
  /** The slowest requests of the window: what the fault cost them. */
  slowest: Array<{ kind: string; afterKillMs: number; ms: number }>;
  /** The same replicas before the fault, for comparison. */
  baselineLatencyMs: LatencyFigures;
}

export interface LatencyFigures {
  p50: number;
  p99: number;
  max: number;
}

export interface ClusterRun {
  records: LoadRecord[];
  probes: {
    cluster: {
      sharedHit: Awaited<ReturnType<typeof probeSharedHit>>;
      invalidation: Awaited<ReturnType<typeof probeInvalidation>>;
      ipBlock: Awaited<ReturnType<typeof probeIpBlock>>;
      fieldLimit: Awaited<ReturnType<typeof probeFieldLimit>>;
      persistedQuery: Awaited<ReturnType<typeof probePersistedQuery>>;
      clients: Awaited<ReturnType<typeof probeClusterClients>>;
      invalidationAfterFailover: Awaited<ReturnType<typeof probeInvalidation>>;
    };
    sentinel: {
      sharedHit: Awaited<ReturnType<typeof probeSharedHit>>;
      invalidation: Awaited<ReturnType<typeof probeInvalidation>>;
      ipBlock: Awaited<ReturnType<typeof probeIpBlock>>;
      fieldLimit: Awaited<ReturnType<typeof probeFieldLimit>>;
      invalidationAfterFailover: Awaited<ReturnType<typeof probeInvalidation>>;
    };
  };
  /** Keys per primary of the cluster (port → kind → count), before the failover. */
  keySpread: Record<string, Record<string, number>>;
  faults: { clusterPrimary: FaultFigures; sentinelPrimary: FaultFigures; consulLeader: FaultFigures };
  /** The Consul phase: a replica registered while there was no leader, until both gateways routed to it. */
  consulNewInstanceListedMs: number | null;
  /** Gateway exit codes after SIGTERM (the cluster pair), and whether they exited within the grace. */
  clusterGatewayExits: Array<number | null>;
  writes: {
    sent: number;
    acknowledged: number;
    /** Acknowledged and found exactly once in the announcement service, under the id the gateway answered. */
    verified: number;
    duplicates: number;
    createCallsReceived: number;
    stored: number;
  };
  wallTimeMs: number;
  startupMs: number;
}

interface Resources {
  dir?: string;
  cluster?: RedisCluster;
  sentinels?: RedisSentinelSet;
  consul?: ConsulServers;
  loads: MixedLoad[];
  samplers: ReadySampler[];
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number);

function latencyOf(records: LoadRecord[]): LatencyFigures {
  const sorted = records
    .filter((r) => r.endedAt !== undefined)
    .map((r) => (r.endedAt as number) - r.startedAt)
    .sort((x, y) => x - y);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? 0 };
}

/**
 * The clusters scenario: see the header of clusters-under-load.test.ts. `cleanup()` ends everything it started,
 * whether or not `run()` finished.
 */
export function createClusterScenario() {
  const resources: Resources = { loads: [], samplers: [] };
  let phase: Phase = 'cluster';

  async function run(): Promise<ClusterRun> {
    const started = Date.now();
    const settings = CLUSTER_SETTINGS;
    const runTag = `c${randomBytes(3).toString('hex')}`;
    const teacher = DEMO_ACCOUNTS.teacher1.uuid;
    const token = createAccessTokens(TEST_JWT_SECRET).sign(teacher).token;
    const dir = (resources.dir = mkdtempSync(join(tmpdir(), 'dms-clusters-')));

    const [cluster, sentinels, consul] = await Promise.all([
      startRedisCluster({ dir, nodeTimeoutMs: settings.clusterNodeTimeoutMs }).then((c) => (resources.cluster = c)),
      startRedisSentinelSet({ dir, downAfterMs: settings.sentinelDownAfterMs }).then((s) => (resources.sentinels = s)),
      startConsulServers(dir).then((c) => (resources.consul = c)),
    ]);
    // Every service in one process, registered through the client agent; the faults here are Redis' and Consul's.
    const core = await startServiceInstance({
      consulAddress: consul.clientAddress,
      register: [...SERVICE_NAMES],
      ttlSeconds: 10,
    });
    const startupMs = Date.now() - started;

    const baseEnv: Record<string, string> = {
      // As production runs it: the real entry point, production guards on.
      NODE_ENV: 'production',
      JWT_SECRET_KEY: TEST_JWT_SECRET,
      CONSUL_HTTP_ADDR: consul.clientAddress,
      CONSUL_WATCH_WAIT: `${settings.consulWatchWaitSeconds}s`,
      // The load comes from loopback (exempt); the IP-block probe's addresses come through X-Forwarded-For.
      TRUSTED_PROXIES: '127.0.0.1',
      FLOOD_ALLOWLIST: '127.0.0.1',
      FLOOD_THRESHOLD: String(settings.floodThreshold),
      FLOOD_BLOCK_SECONDS: '60',
      SHUTDOWN_GRACE_MS: '3000',
      // On (so the counters live in Redis and the faults reach them), far above what the load sends.
      RATE_LIMIT_AUTH_RPS: '1000',
      RATE_LIMIT_CLUB_RPS: '1000',
      RATE_LIMIT_OUTING_RPS: '1000',
      RATE_LIMIT_SCHEDULE_RPS: '1000',
      RATE_LIMIT_ANNOUNCEMENT_RPS: '1000',
    };
    const startPair = async (redisEnv: Record<string, string>) => {
      const pair = await Promise.all(
        [0, 1].map(async () => startGatewayProcess(await freePort(), { ...baseEnv, ...redisEnv })),
      );
      const listed = (r: Readyz) => SERVICE_NAMES.every((s) => (r.upstreams?.[s]?.instances.length ?? 0) > 0);
      for (const gateway of pair) {
        if ((await waitUntil(async () => listed((await gateway.readyz()).body), 15_000)) === null) {
          throw new Error('a gateway never listed the services');
        }
      }
      return pair as [GatewayProcess, GatewayProcess];
    };
    const startLoads = (pair: GatewayProcess[], tag: string) =>
      pair.map((gateway, i) => {
        const load = startMixedLoad({
          base: gateway.base,
          token,
          ratePerSecond: settings.loadPerReplica,
          runTag: `${runTag}-${tag}${i}`,
          clientTimeoutMs: 15_000,
          maxInFlight: 100,
          phase: () => phase,
        });
        resources.loads.push(load);
        return load;
      });
    const records = () => resources.loads.flatMap((l) => l.records);
    const sample = (pair: GatewayProcess[]) =>
      pair.map((g) => {
        const sampler = sampleReadyz(g.base);
        resources.samplers.push(sampler);
        return sampler;
      });

    /** What a fault did, from the kill to now (the end of its phase). */
    const faultFigures = (
      killAt: number,
      endedAt: number,
      takeoverMs: number | null,
      samplers: ReadySampler[],
      faultPhases: Phase[],
      baselinePhase: Phase,
    ): FaultFigures => {
      const window = records().filter((r) => faultPhases.includes(r.phase as Phase) && r.startedAt >= killAt);
      const firstHit = window.find((r) => r.cacheHit);
      return {
        takeoverMs,
        cacheBypassedMs: samplers.map((s) => spanOf(s.samples, killAt, endedAt, (x) => !x.cacheOk)),
        limitsDegradedMs: samplers.map((s) => spanOf(s.samples, killAt, endedAt, (x) => x.limitsDegraded)),
        discoveryUnreachableMs: samplers.map((s) => spanOf(s.samples, killAt, endedAt, (x) => !x.discoveryReachable)),
        firstCacheHitMs: firstHit ? firstHit.startedAt - killAt : null,
        requests: window.length,
        failed: window
          .filter((r) => outcomeOf(r) !== 'ok')
          .map((r) => ({
            kind: r.kind,
            ...(r.status === undefined ? {} : { status: r.status }),
            ...(r.code === undefined ? {} : { code: r.code }),
            ...(r.transportError === undefined ? {} : { transportError: r.transportError }),
            afterKillMs: r.startedAt - killAt,
          })),
        latencyMs: latencyOf(window),
        slowest: window
          .map((r) => ({ kind: r.kind, afterKillMs: r.startedAt - killAt, ms: (r.endedAt ?? 0) - r.startedAt }))
          .sort((x, y) => y.ms - x.ms)
          .slice(0, 8),
        baselineLatencyMs: latencyOf(records().filter((r) => r.phase === baselinePhase)),
      };
    };
    const bothCacheOk = (samplers: ReadySampler[], after: number) =>
      samplers.every((s) => firstAfter(s.samples, after, (x) => x.cacheOk) !== null && s.samples.at(-1)?.cacheOk);

    // Redis Cluster: two replicas, each with its own load.
    phase = 'cluster';
    const clusterPair = await startPair({ REDIS_CLUSTER_NODES: cluster.seeds });
    const clusterSamplers = sample(clusterPair);
    const clusterLoads = startLoads(clusterPair, 'k');
    await sleep(2000);
    const [a, b] = clusterPair.map((g) => g.base) as [string, string];
    const clusterProbes = {
      sharedHit: await probeSharedHit(a, b, token),
      invalidation: await probeInvalidation(a, b, token),
      ipBlock: await probeIpBlock(a, b, settings.floodThreshold),
      fieldLimit: await probeFieldLimit(a, b, token),
      persistedQuery: await probePersistedQuery(a, b, token),
      clients: await probeClusterClients({ kind: 'cluster', nodes: clusterNodesOf(cluster) }),
    };
    const keySpread = await keysByPrimary(cluster);
    // The primary holding the most cache partitions goes.
    const victimPort = Number(
      Object.entries(keySpread).sort(([, x], [, y]) => (y.cache ?? 0) - (x.cache ?? 0))[0]?.[0],
    );
    const victim = cluster.nodes.find((n) => n.port === victimPort);
    if (!victim) throw new Error('no cluster primary holds cache keys');
    phase = 'cluster-failover';
    const clusterKillAt = Date.now();
    await victim.kill();
    // Taken over once a live node sees three serving primaries again, the victim not among them.
    const clusterTakeover = await waitUntil(async () => {
      const serving = (await cluster.topology()).filter((n) => n.role === 'master' && !n.failed && n.slots.length);
      return serving.length === 3 && serving.every((n) => n.port !== victimPort);
    }, 20_000);
    await waitUntil(() => bothCacheOk(clusterSamplers, clusterKillAt), 20_000);
    await sleep(settings.settleMs);
    const clusterEndedAt = Date.now();
    const clusterFault = () =>
      faultFigures(clusterKillAt, clusterEndedAt, clusterTakeover, clusterSamplers, ['cluster-failover'], 'cluster');
    phase = 'cluster-after';
    const invalidationAfterClusterFailover = await probeInvalidation(a, b, token);
    await Promise.all(clusterLoads.map((l) => l.pause()));
    await Promise.all(clusterSamplers.map((s) => s.stop()));
    for (const gateway of clusterPair) gateway.sigterm();
    const clusterGatewayExits = await Promise.all(clusterPair.map((g) => within(g.process.exited, 10_000, -1)));

    // Sentinel: a new pair of replicas on the Sentinel-managed primary.
    phase = 'sentinel';
    const sentinelPair = await startPair({ REDIS_SENTINELS: sentinels.addresses, REDIS_SENTINEL_NAME: sentinels.name });
    const sentinelSamplers = sample(sentinelPair);
    const sentinelLoads = startLoads(sentinelPair, 's');
    await sleep(2000);
    const [c, d] = sentinelPair.map((g) => g.base) as [string, string];
    const sentinelProbes = {
      sharedHit: await probeSharedHit(c, d, token),
      invalidation: await probeInvalidation(c, d, token),
      ipBlock: await probeIpBlock(c, d, settings.floodThreshold),
      fieldLimit: await probeFieldLimit(c, d, token),
    };
    phase = 'sentinel-failover';
    const sentinelKillAt = Date.now();
    await sentinels.primary.kill();
    const sentinelTakeover = await waitUntil(
      async () => (await sentinels.currentPrimaryPort()) === sentinels.replica.port,
      20_000,
    );
    await waitUntil(() => bothCacheOk(sentinelSamplers, sentinelKillAt), 20_000);
    await sleep(settings.settleMs);
    const sentinelEndedAt = Date.now();
    const sentinelFault = () =>
      faultFigures(
        sentinelKillAt,
        sentinelEndedAt,
        sentinelTakeover,
        sentinelSamplers,
        ['sentinel-failover'],
        'sentinel',
      );
    const invalidationAfterSentinelFailover = await probeInvalidation(c, d, token);

    // Consul: the leader of the three servers crashes; a replica registers while there is no leader.
    phase = 'consul-failover';
    const leader = await consul.leader();
    if (!leader) throw new Error('no Consul leader');
    const consulKillAt = Date.now();
    await leader.kill();
    const [consulTakeover, late] = await Promise.all([
      waitUntil(async () => (await consul.leader()) !== undefined, 20_000, 50),
      startServiceInstance({ consulAddress: consul.clientAddress, register: ['schedule'], ttlSeconds: 10 }),
    ]);
    const lateId = late.instanceIds.schedule as string;
    const listedLate = await waitUntil(async () => {
      const views = await Promise.all(sentinelPair.map((g) => g.readyz()));
      return views.every((v) => v.body.upstreams?.schedule?.instances.some((i) => i.id === lateId));
    }, 30_000);
    const consulNewInstanceListedMs = listedLate === null ? null : Date.now() - consulKillAt;
    await sleep(settings.settleMs);
    const consulEndedAt = Date.now();
    const consulFault = () =>
      faultFigures(consulKillAt, consulEndedAt, consulTakeover, sentinelSamplers, ['consul-failover'], 'sentinel');
    phase = 'sentinel-after';
    await Promise.all(sentinelLoads.map((l) => l.pause()));
    await Promise.all(sentinelSamplers.map((s) => s.stop()));

    return {
      records: records(),
      probes: {
        cluster: { ...clusterProbes, invalidationAfterFailover: invalidationAfterClusterFailover },
        sentinel: { ...sentinelProbes, invalidationAfterFailover: invalidationAfterSentinelFailover },
      },
      keySpread,
      // Every request of a fault's phase has ended by now (the loads are paused).
      faults: { clusterPrimary: clusterFault(), sentinelPrimary: sentinelFault(), consulLeader: consulFault() },
      consulNewInstanceListedMs,
      clusterGatewayExits,
      writes: await writeFigures(records(), core, teacher),
      wallTimeMs: Date.now() - started,
      startupMs,
    };
  }

  /** Ends every process the scenario started; returns what is somehow still alive. */
  async function cleanup(): Promise<string[]> {
    await Promise.all(resources.loads.map((l) => l.pause().catch(() => undefined)));
    await Promise.all(resources.samplers.map((s) => s.stop()));
    const leftovers = (await killAllStarted()).map((pid) => `process ${pid}`);
    await Promise.all([resources.cluster?.stop(), resources.sentinels?.stop(), resources.consul?.stop()]);
    const children = [
      ...(resources.cluster?.nodes ?? []),
      resources.sentinels?.primary,
      resources.sentinels?.replica,
      ...(resources.sentinels?.sentinels ?? []),
      ...(resources.consul ? [...resources.consul.servers, resources.consul.client] : []),
    ];
    for (const child of children) {
      const pid = child?.child.pid;
      if (pid && isAlive(pid)) leftovers.push(`${child.child.spawnfile} ${pid}`);
    }
    if (resources.dir) rmSync(resources.dir, { recursive: true, force: true });
    return leftovers;
  }

  return { run, cleanup };
}

function clusterNodesOf(cluster: RedisCluster) {
  return cluster.nodes.map((n) => ({ host: '127.0.0.1', port: n.port }));
}

/** Keys on each live primary of the cluster, by kind. */
async function keysByPrimary(cluster: RedisCluster): Promise<Record<string, Record<string, number>>> {
  const kinds: Array<[string, string]> = [
    ['dms:rc:', 'cache'],
    ['dms:apq:', 'apq'],
    ['traffic:count:', 'limits'],
    ['traffic:shared:', 'limits'],
    ['traffic:blocked', 'blocks'],
    ['request-security:used:', 'probes'],
    ['cluster-probe:', 'probes'],
  ];
  const kindOf = (key: string) => kinds.find(([prefix]) => key.startsWith(prefix))?.[1] ?? 'other';
  const spread: Record<string, Record<string, number>> = {};
  for (const node of (await cluster.topology()).filter((n) => n.role === 'master' && !n.failed)) {
    const counts: Record<string, number> = {};
    let cursor = '0';
    do {
      const [next, keys] = (await redisCommand(node.port, 'SCAN', cursor, 'COUNT', '1000')) as [string, string[]];
      cursor = next;
      for (const key of keys) counts[kindOf(key)] = (counts[kindOf(key)] ?? 0) + 1;
    } while (cursor !== '0');
    spread[String(node.port)] = counts;
  }
  return spread;
}

/** Every write of the loads, checked against what the announcement service holds. */
async function writeFigures(records: LoadRecord[], core: ServiceInstanceProcess, teacher: string) {
  const ledger = await readAnnouncementLedger(core.addresses.announcement, teacher);
  const writes = records.filter((r) => isWrite(r.kind));
  const acknowledged = writes.filter((r) => r.writtenId !== undefined);
  const copies = (r: LoadRecord) => ledger.get(r.title as string) ?? [];
  return {
    sent: writes.length,
    acknowledged: acknowledged.length,
    verified: acknowledged.filter((r) => copies(r).length === 1 && copies(r)[0] === r.writtenId).length,
    duplicates: writes.filter((r) => copies(r).length > 1).length,
    stored: writes.filter((r) => copies(r).length > 0).length,
    createCallsReceived: (await core.callCounts())[CREATE_ANNOUNCEMENT_PATH] ?? 0,
  };
}
