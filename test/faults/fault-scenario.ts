import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createAccessTokens } from '../../core/access-tokens';
import { DEMO_ACCOUNTS } from '../../reference-services/demo-data';
import { startConsulAgent, type ConsulAgent } from '../helpers/consul-agent';
import { freePort } from '../helpers/free-port';
import { TEST_JWT_SECRET } from '../helpers/gateway';
import { startRedisServer, stopRedisServer } from '../helpers/redis-server';
import { startSlowLinkProxy, type SlowLinkProxy } from '../helpers/slow-link-proxy';
import { readAnnouncementLedger } from './announcement-ledger';
import { isAlive, killAllStarted } from './child-processes';
import { startGatewayProcess, type Readyz } from './gateway-process';
import { isAnnouncementRead, isWrite, outcomeOf, startMixedLoad, type LoadRecord, type MixedLoad } from './mixed-load';
import { startServiceInstance, type ServiceInstanceProcess } from './service-instances';
import {
  CREATE_ANNOUNCEMENT_PATH,
  SCENARIO_SETTINGS,
  type Phase,
  type ScenarioRun,
  type TimelineEvent,
} from './scenario-run';
import { sleep, waitUntil, within } from './wait-until';

/** Time from `from` to now, or null when the wait it follows gave up. */
const since = (from: number, waited: number | null) => (waited === null ? null : Date.now() - from);

interface Resources {
  agent?: ConsulAgent;
  redis?: ChildProcess;
  proxy?: SlowLinkProxy;
  load?: MixedLoad;
}

/**
 * The faults-under-load scenario as one timeline; see the header of faults-under-load.test.ts for the design.
 * `cleanup()` ends everything it started, whether or not `run()` finished.
 */
export function createFaultScenario() {
  const resources: Resources = {};
  const events: TimelineEvent[] = [];
  const mark = (name: string) => events.push({ at: Date.now(), name });
  let phase: Phase = 'warmup';
  const enter = (next: Phase) => {
    phase = next;
    mark(`phase ${next}`);
  };

  async function run(): Promise<ScenarioRun> {
    const settings = SCENARIO_SETTINGS;
    const runTag = `f${randomBytes(3).toString('hex')}`;
    const teacher = DEMO_ACCOUNTS.teacher1.uuid;
    const token = createAccessTokens(TEST_JWT_SECRET).sign(teacher).token;

    // Fixed addresses where a restart must come back at the same place: Consul, Redis, the gateway's port.
    const agent = (resources.agent = await startConsulAgent());
    const redisPort = await freePort();
    resources.redis = await startRedisServer(redisPort);
    const announcementPort = await freePort();
    const proxy = (resources.proxy = await startSlowLinkProxy({ host: '127.0.0.1', port: announcementPort }));
    const gatewayPort = await freePort();

    const instance = (register: Array<'auth' | 'club' | 'outing' | 'announcement' | 'schedule'>, extra = {}) =>
      startServiceInstance({ consulAddress: agent.address, register, ttlSeconds: settings.checkTtlSeconds, ...extra });
    // The write path: two announcement instances that are never killed, A registered under the proxy's address.
    const [core, coreB, s1, s2, s3] = await Promise.all([
      instance(['auth', 'club', 'outing', 'announcement'], {
        ports: { announcement: announcementPort },
        advertise: { announcement: proxy.address },
      }),
      instance(['announcement']),
      instance(['schedule']),
      instance(['schedule']),
      instance(['schedule']),
    ]);
    const scheduleId = (p: ServiceInstanceProcess) => p.instanceIds.schedule as string;

    const gatewayEnv: Record<string, string> = {
      JWT_SECRET_KEY: TEST_JWT_SECRET,
      CONSUL_HTTP_ADDR: agent.address,
      CONSUL_WATCH_WAIT: `${settings.consulWatchWaitSeconds}s`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}/0`,
      BREAKER_OPEN_MS: String(settings.breakerOpenMs),
      SHUTDOWN_GRACE_MS: String(settings.shutdownGraceMs),
      // On (so Redis carries the counters and the outage reaches them too), far above what the load sends.
      FLOOD_THRESHOLD: '1000',
      RATE_LIMIT_AUTH_RPS: '1000',
      RATE_LIMIT_CLUB_RPS: '1000',
      RATE_LIMIT_OUTING_RPS: '1000',
      RATE_LIMIT_SCHEDULE_RPS: '1000',
      RATE_LIMIT_ANNOUNCEMENT_RPS: '1000',
    };
    const first = await startGatewayProcess(gatewayPort, gatewayEnv);
    const listed = (r: Readyz, service: string) => r.upstreams?.[service]?.instances ?? [];
    const inRotation = (r: Readyz, id: string, service = 'schedule') =>
      listed(r, service).some((i) => i.id === id && i.breaker === 'closed');
    const announcementA = core.instanceIds.announcement as string;
    const announcementB = coreB.instanceIds.announcement as string;
    const allListed = await waitUntil(async () => {
      const { body } = await first.readyz();
      return (
        [s1, s2, s3].every((s) => inRotation(body, scheduleId(s))) &&
        [announcementA, announcementB].every((id) => inRotation(body, id, 'announcement'))
      );
    }, 15_000);
    if (allListed === null) throw new Error('the gateway never listed every instance');

    const load = (resources.load = startMixedLoad({
      base: first.base,
      token,
      ratePerSecond: settings.loadPerSecond,
      runTag,
      clientTimeoutMs: 15_000,
      maxInFlight: 200,
      phase: () => phase,
    }));
    const recovery: Record<string, number | null> = {};
    const readyz = async () => (await first.readyz()).body;

    enter('warmup');
    await sleep(4000);
    // Memory and handles with the load stopped, after a forced GC: the baseline the end is compared with.
    await load.pause();
    const before = await first.settledFigures();
    load.resume();
    enter('steady');
    await sleep(1500);

    // A replica crashes: reads it was given fail to connect and are retried on another replica.
    enter('kill');
    s1.signal('SIGKILL');
    mark('s1 SIGKILL');
    recovery.killTrafficMovedOffMs = await waitUntil(async () => !inRotation(await readyz(), scheduleId(s1)), 10_000);
    await sleep(2000);

    // A replica stalls (SIGSTOP): calls it holds cost a deadline each until its breaker opens.
    enter('pause');
    s2.signal('SIGSTOP');
    const stoppedAt = Date.now();
    mark('s2 SIGSTOP');
    recovery.pauseBreakerOpenedMs = await waitUntil(
      async () => !inRotation(await readyz(), scheduleId(s2)),
      settings.pauseMs,
    );
    await sleep(Math.max(0, stoppedAt + settings.pauseMs - Date.now()));
    s2.signal('SIGCONT');
    mark('s2 SIGCONT');
    recovery.pauseBackInRotationMs = await waitUntil(async () => inRotation(await readyz(), scheduleId(s2)), 15_000);

    // Consul restarts empty (a dev agent keeps nothing): the gateway keeps its lists; the services re-register
    // on their next heartbeat; a replica that starts meanwhile must get traffic once the watch is back.
    enter('consul-restart');
    await agent.stop();
    mark('consul stopped');
    await sleep(settings.consulDownMs);
    resources.agent = await startConsulAgent({ ports: agent.ports });
    mark('consul started');
    const consulBackAt = Date.now();
    const s4 = await instance(['schedule']);
    mark('s4 registered');
    const s4RegisteredAt = Date.now();
    recovery.consulReachableAgainMs = since(
      consulBackAt,
      await waitUntil(async () => (await readyz()).discovery?.reachable === true, 20_000),
    );
    const servedBy = (id: string, after: number) =>
      [...first.requestLog().values()].some(
        (line) => line.endedAt >= after && line.upstream.some((u) => u.instance === id && u.outcome === 'ok'),
      );
    recovery.consulNewInstancePickedUpMs = since(
      s4RegisteredAt,
      await waitUntil(() => servedBy(scheduleId(s4), s4RegisteredAt), 20_000),
    );

    // Redis restarts empty: the cache is bypassed while it is down and used again once it is back.
    enter('redis-restart');
    await stopRedisServer(resources.redis);
    const redisStoppedAt = Date.now();
    mark('redis stopped');
    recovery.redisBypassDetectedMs = await waitUntil(
      async () => (await readyz()).cache?.status === 'degraded',
      settings.redisDownMs,
    );
    await sleep(Math.max(0, redisStoppedAt + settings.redisDownMs - Date.now()));
    resources.redis = await startRedisServer(redisPort);
    mark('redis started');
    const redisBackAt = Date.now();
    recovery.redisCacheOkMs = await waitUntil(async () => (await readyz()).cache?.status === 'ok', 10_000);
    recovery.redisFirstHitMs = since(
      redisBackAt,
      await waitUntil(() => load.records.some((r) => r.startedAt > redisBackAt && r.cacheHit === true), 10_000),
    );

    // The link to announcement A slows down, then breaks three times with reads and writes on it; each break
    // waits for A to be back in rotation before the next.
    enter('slow-link');
    proxy.setLatency(settings.slowLinkLatencyMs);
    mark('link slow');
    await sleep(2000);
    const drops: ScenarioRun['drops'] = [];
    // Only calls on the slow link take this long.
    const onSlowLink = (r: LoadRecord) => Date.now() - r.startedAt >= 100;
    const pendingOnLink = () => load.pending().filter(onSlowLink);
    for (let i = 1; i <= 3; i += 1) {
      // Five calls or more on the link (so the break opens A's breaker), writes and reads among them.
      await waitUntil(
        () => {
          const pending = pendingOnLink();
          return (
            pending.length >= 5 &&
            pending.some((r) => isWrite(r.kind)) &&
            pending.some((r) => isAnnouncementRead(r.kind))
          );
        },
        3000,
        10,
      );
      const callsPending = pendingOnLink().length;
      const at = Date.now();
      drops.push({ at, connections: proxy.dropConnections(), callsPending });
      mark(`link dropped #${i}`);
      recovery[`slowLinkBreak${i}BackInRotationMs`] = since(
        at,
        await waitUntil(async () => inRotation(await readyz(), announcementA, 'announcement'), 15_000),
      );
      await sleep(500);
    }
    proxy.setLatency(0);
    mark('link normal');
    await sleep(1000);

    // The same figures as the baseline, on the same process, after every fault but its own replacement.
    await load.pause();
    const after = await first.settledFigures();
    load.resume();
    enter('handover');
    // A slower link keeps requests in flight when SIGTERM arrives, so the drain has something to wait for.
    proxy.setLatency(settings.drainLatencyMs);
    await sleep(1000);
    const sigtermAt = Date.now();
    first.sigterm();
    mark('gateway 1 SIGTERM');
    // -1: still running long after the grace (the suite's afterAll kills it).
    const code = await within(first.process.exited, settings.shutdownGraceMs + 10_000, -1);
    const firstExit = { code, afterSigtermMs: Date.now() - sigtermAt };
    mark('gateway 1 exited');
    proxy.setLatency(0);
    const second = await startGatewayProcess(gatewayPort, gatewayEnv);
    mark('gateway 2 listening');
    recovery.handoverFirstAnswerMs = since(
      sigtermAt,
      await waitUntil(
        () =>
          load.records.some((r) => r.endedAt !== undefined && outcomeOf(r) === 'ok' && second.requestLog().has(r.id)),
        10_000,
      ),
    );
    enter('after-handover');
    await sleep(3000);
    await load.pause();
    mark('load stopped');
    const secondGateway = await second.settledFigures();

    const ledger = new Map<string, string[]>();
    for (const [label, server] of [
      ['A', core],
      ['B', coreB],
    ] as const) {
      for (const [title, ids] of await readAnnouncementLedger(server.addresses.announcement, teacher)) {
        ledger.set(title, [...(ledger.get(title) ?? []), ...ids.map((id) => `${label}:${id}`)]);
      }
    }
    const received = async (p: ServiceInstanceProcess) => (await p.callCounts())[CREATE_ANNOUNCEMENT_PATH] ?? 0;
    const createCallsReceived = (await received(core)) + (await received(coreB));
    return {
      runTag,
      records: load.records,
      skippedBeats: load.skipped,
      events,
      ids: {
        s1: scheduleId(s1),
        s2: scheduleId(s2),
        s3: scheduleId(s3),
        s4: scheduleId(s4),
        announcementA,
        announcementB,
      },
      first,
      second,
      firstExit,
      figures: { before, after, secondGateway },
      recovery,
      drops,
      ledger,
      createCallsReceived,
    };
  }

  /** Ends every process and server the scenario started; returns what is somehow still alive. */
  async function cleanup(): Promise<string[]> {
    await resources.load?.pause().catch(() => undefined);
    const leftovers = (await killAllStarted()).map((pid) => `process ${pid}`);
    await resources.proxy?.close().catch(() => undefined);
    await resources.agent?.stop().catch(() => undefined);
    await stopRedisServer(resources.redis).catch(() => undefined);
    if (resources.redis?.pid && isAlive(resources.redis.pid)) leftovers.push(`redis-server ${resources.redis.pid}`);
    return leftovers;
  }

  return { run, cleanup, events };
}
