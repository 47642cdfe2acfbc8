import { createServer, type Server } from 'node:http';
import { parseConfig, SERVICE_NAMES } from '../../../core/config';
import { BREAKER_OPEN_NOTE, createConsulClient, HEALTH_CHECK_FAILED_NOTE } from '../../../core/consul-client';
import { createLogger } from '../../../core/logger';
import { createMetricsRegistry, type Registry } from '../../../core/metrics-registry';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { createWebhookAlertSink, type AlertSink, type ServiceAlert } from '../../../health-checker/alert-webhook';
import { createConsulInstanceCatalog } from '../../../health-checker/consul-instance-catalog';
import {
  createHealthChecker,
  type HealthChecker,
  type HealthCheckerSnapshot,
  type HealthCheckerSettings,
} from '../../../health-checker/create-health-checker';
import { createHealthCheckerHttp } from '../../../health-checker/health-checker-http';
import { createGateway } from '../../../src/create-gateway';
import { startConsulAgent, type ConsulAgent } from '../../helpers/consul-agent';
import { eventually, startInstanceSet, type ServiceInstanceSet } from '../../helpers/consul-cluster';

jest.setTimeout(60_000);

const logger = createLogger({ name: 'health-checker-test', level: 'silent' });

interface AgentCheck {
  Status: string;
  Output: string;
  ServiceID: string;
}

const FAST: HealthCheckerSettings = {
  intervalMs: 250,
  timeoutMs: 400,
  failuresBeforeCritical: 2,
  deregisterAfterMs: 60_000,
  historySize: 20,
};

describe('the health checker against a real Consul agent and real reference-service instances', () => {
  let agent: ConsulAgent;
  let sets: ServiceInstanceSet[] = [];
  let cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    agent = await startConsulAgent();
  });
  afterEach(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    cleanups = [];
    await Promise.all(sets.map((s) => s.close()));
    sets = [];
  });
  afterAll(() => agent.stop());

  const startSets = async (n: number) => {
    sets = await Promise.all(Array.from({ length: n }, () => startInstanceSet(agent.address)));
    return sets as ServiceInstanceSet[] & { 0: ServiceInstanceSet; 1: ServiceInstanceSet };
  };

  const startChecker = (
    settings: Partial<HealthCheckerSettings> & { checkerId?: string; metrics?: Registry; alert?: AlertSink } = {},
  ) => {
    const { checkerId, alert, metrics = createMetricsRegistry(), ...overrides } = settings;
    const checker = createHealthChecker({
      ...FAST,
      ...overrides,
      catalog: createConsulInstanceCatalog(createConsulClient({ address: agent.address })),
      logger,
      metrics,
      ...(checkerId ? { checkerId } : {}),
      ...(alert ? { alert } : {}),
    });
    cleanups.push(() => checker.close());
    checker.start();
    return { checker, metrics };
  };

  const agentChecks = async () =>
    (await (await fetch(`http://${agent.address}/v1/agent/checks`)).json()) as Record<string, AgentCheck>;
  const agentServiceIds = async () =>
    Object.keys((await (await fetch(`http://${agent.address}/v1/agent/services`)).json()) as object);
  const checkOf = async (checkId: string) => (await agentChecks())[checkId];
  const roundsAtLeast = (checker: HealthChecker, n: number) =>
    eventually(() => checker.snapshot().checker.rounds >= n, 10_000);
  const instanceIn = (snapshot: HealthCheckerSnapshot, serviceId: string) =>
    SERVICE_NAMES.flatMap((s) => snapshot.services[s].instances).find((i) => i.serviceId === serviceId);

  /** Polls the agent's checks and keeps each check's status transitions (`gone` once it disappears). */
  const recordTransitions = () => {
    const transitions = new Map<string, string[]>();
    let stopped = false;
    const poll = async () => {
      while (!stopped) {
        const checks = await agentChecks();
        for (const [id, seen] of transitions) {
          const status = checks[id]?.Status ?? 'gone';
          if (seen.at(-1) !== status) seen.push(status);
        }
        for (const [id, check] of Object.entries(checks)) if (!transitions.has(id)) transitions.set(id, [check.Status]);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const done = poll();
    cleanups.push(async () => {
      stopped = true;
      await done;
    });
    return {
      of: (checkId: string) => transitions.get(checkId) ?? [],
      async stop() {
        stopped = true;
        await done;
      },
    };
  };

  /** A local webhook receiver. */
  const startWebhook = async () => {
    const received: ServiceAlert[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as ServiceAlert);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise((r) => server.close(() => r())));
    const address = server.address();
    return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/alerts`, received };
  };

  it('fails a killed instance, then deregisters it, with no user traffic, and alerts for services left without one', async () => {
    const [b] = await startSets(1);
    const webhook = await startWebhook();
    const recorder = recordTransitions();
    const { checker: alerting } = startChecker({
      deregisterAfterMs: 1200,
      alert: createWebhookAlertSink(webhook.url, logger),
    });
    await roundsAtLeast(alerting, 2);
    expect(webhook.received).toEqual([]);

    await b.kill();
    const ids = SERVICE_NAMES.map((s) => b.registrations[s].serviceId);
    expect(await eventually(async () => !(await agentServiceIds()).some((id) => ids.includes(id)), 15_000)).toBe(true);
    // The recorder polls on its own clock: let it see the deregistration before it stops (a loaded machine lags).
    const checkIds = SERVICE_NAMES.map((s) => b.registrations[s].checkId);
    await eventually(async () => checkIds.every((id) => recorder.of(id).at(-1) === 'gone'), 15_000);
    await recorder.stop();
    for (const service of SERVICE_NAMES) {
      // Failed first (the check went critical while still registered), then gone.
      expect(recorder.of(b.registrations[service].checkId)).toEqual(['passing', 'critical', 'gone']);
      expect(instanceIn(alerting.snapshot(), b.registrations[service].serviceId)).toMatchObject({
        state: 'deregistered',
        lastCheck: { ok: false, outcome: 'unreachable' },
      });
    }
    expect(await eventually(() => webhook.received.length >= 5)).toBe(true);
    expect(webhook.received.map((a) => a.event)).toEqual(Array(5).fill('no_healthy_instance'));
    expect(webhook.received.map((a) => a.service).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(alerting.snapshot().services.auth).toMatchObject({ healthyInstances: 0, alerting: true });
  });

  it('fails a paused instance at the deadline and passes it again when it resumes', async () => {
    const [a, b] = await startSets(2);
    const { checker } = startChecker({ timeoutMs: 300 });
    await roundsAtLeast(checker, 1);
    b.services.stall();
    const checkId = b.registrations.auth.checkId;
    expect(await eventually(async () => (await checkOf(checkId))?.Status === 'critical', 10_000)).toBe(true);
    const failed = await checkOf(checkId);
    expect(failed?.Output).toMatch(new RegExp(`^${HEALTH_CHECK_FAILED_NOTE}: timeout`));
    expect(instanceIn(checker.snapshot(), b.registrations.auth.serviceId)?.lastCheck).toMatchObject({
      ok: false,
      outcome: 'timeout',
    });
    expect((await checkOf(a.registrations.auth.checkId))?.Status).toBe('passing');

    b.services.resume();
    expect(await eventually(async () => (await checkOf(checkId))?.Status === 'passing', 10_000)).toBe(true);
    expect(instanceIn(checker.snapshot(), b.registrations.auth.serviceId)).toMatchObject({
      state: 'healthy',
      consecutiveFailures: 0,
    });
    // Not deregistered: the pause was shorter than the grace.
    expect(await agentServiceIds()).toContain(b.registrations.auth.serviceId);
  });

  it('fails an instance in graceful shutdown (NOT_SERVING) before it disappears', async () => {
    const [c] = await startSets(1);
    const { checker } = startChecker();
    await roundsAtLeast(checker, 1);
    let stopped = false;
    const closing = c.services.close(3000).then(() => {
      stopped = true;
    });
    const checkId = c.registrations.schedule.checkId;
    expect(await eventually(async () => (await checkOf(checkId))?.Status === 'critical', 10_000)).toBe(true);
    expect(stopped).toBe(false);
    expect((await checkOf(checkId))?.Output).toMatch(new RegExp(`^${HEALTH_CHECK_FAILED_NOTE}: not_serving`));
    expect(instanceIn(checker.snapshot(), c.registrations.schedule.serviceId)?.lastCheck).toMatchObject({
      outcome: 'not_serving',
      detail: 'NOT_SERVING',
    });
    await closing;
  });

  it('two checkers side by side reach the same state without flapping', async () => {
    const [a, b] = await startSets(2);
    const recorder = recordTransitions();
    const one = startChecker({ checkerId: 'one', deregisterAfterMs: 1500 }).checker;
    const two = startChecker({ checkerId: 'two', deregisterAfterMs: 1500, intervalMs: 170 }).checker;
    await Promise.all([roundsAtLeast(one, 2), roundsAtLeast(two, 2)]);
    await b.kill();
    const ids = SERVICE_NAMES.map((s) => b.registrations[s].serviceId);
    expect(await eventually(async () => !(await agentServiceIds()).some((id) => ids.includes(id)), 15_000)).toBe(true);
    // A few more rounds on the settled state.
    const [r1, r2] = [one.snapshot().checker.rounds, two.snapshot().checker.rounds];
    await Promise.all([roundsAtLeast(one, r1 + 3), roundsAtLeast(two, r2 + 3)]);
    await recorder.stop();

    for (const service of SERVICE_NAMES) {
      expect(recorder.of(a.registrations[service].checkId)).toEqual(['passing']);
      expect(recorder.of(b.registrations[service].checkId)).toEqual(['passing', 'critical', 'gone']);
      for (const checker of [one, two]) {
        const snapshot = checker.snapshot();
        expect(instanceIn(snapshot, a.registrations[service].serviceId)?.state).toBe('healthy');
        // Whichever checker deregistered it first, the other saw it leave.
        expect(['deregistered', 'left']).toContain(instanceIn(snapshot, b.registrations[service].serviceId)?.state);
      }
    }
  });

  it('does not pass a check a breaker failed while the breaker is open', async () => {
    const [a] = await startSets(1);
    const consul = createConsulClient({ address: agent.address });
    cleanups.push(async () => consul.destroy());
    const checkId = a.registrations.club.checkId;
    await consul.agent.check.fail({ id: checkId, note: BREAKER_OPEN_NOTE });
    const { checker, metrics } = startChecker();
    await roundsAtLeast(checker, 4);
    expect(await checkOf(checkId)).toMatchObject({ Status: 'critical', Output: BREAKER_OPEN_NOTE });
    expect(instanceIn(checker.snapshot(), a.registrations.club.serviceId)).toMatchObject({
      state: 'healthy',
      consul: { status: 'critical', output: BREAKER_OPEN_NOTE },
    });
    expect(await metrics.metrics()).not.toMatch(/health_checker_consul_actions_total\{[^}]*action="pass"/);
    // Once the gateway passes it (breaker half-open), the checker leaves it passing.
    await consul.agent.check.pass({ id: checkId, note: 'circuit breaker half-open' });
    const rounds = checker.snapshot().checker.rounds;
    await roundsAtLeast(checker, rounds + 2);
    expect((await checkOf(checkId))?.Status).toBe('passing');
  });

  it('serves /health/instances with a bounded history and /metrics on its port, and on the gateway when embedded', async () => {
    const [a] = await startSets(1);
    const { checker, metrics } = startChecker({ historySize: 3 });
    const http = createHealthCheckerHttp(checker, metrics, logger);
    const port = await http.listen('127.0.0.1', 0);
    cleanups.push(() => http.close());
    const gateway = await createGateway({
      config: parseConfig({ PORT: '0', HOST: '127.0.0.1', JWT_SECRET_KEY: 'health-checker-test' }),
      logger,
      registry: createStaticRegistry({}),
      healthChecker: checker,
    });
    const gatewayPort = await gateway.listen();
    cleanups.push(() => gateway.close());
    await roundsAtLeast(checker, 5);

    const res = await fetch(`http://127.0.0.1:${port}/health/instances`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as HealthCheckerSnapshot;
    expect(body.checker).toMatchObject({ intervalMs: 250, timeoutMs: 400, historySize: 3, failuresBeforeCritical: 2 });
    expect(body.checker.rounds).toBeGreaterThanOrEqual(5);
    expect(Object.keys(body.services).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const service of SERVICE_NAMES) {
      const entry = body.services[service];
      expect(entry).toMatchObject({
        consulService: `DMS.SMS.v1.service.${service}`,
        healthyInstances: 1,
        alerting: false,
      });
      expect(entry.instances).toHaveLength(1);
      const [instance] = entry.instances;
      expect(instance).toMatchObject({
        serviceId: a.registrations[service].serviceId,
        address: a.services.addresses[service],
        checkId: a.registrations[service].checkId,
        state: 'healthy',
        consecutiveFailures: 0,
        failingSince: null,
        consul: { status: 'passing' },
        lastCheck: { ok: true, outcome: 'serving', detail: 'SERVING' },
      });
      expect(instance?.history).toHaveLength(3);
      expect(instance?.history.every((h) => typeof h.at === 'string' && typeof h.durationMs === 'number')).toBe(true);
    }

    const viaGateway = (await (
      await fetch(`http://127.0.0.1:${gatewayPort}/health/instances`)
    ).json()) as HealthCheckerSnapshot;
    expect(viaGateway.checker.id).toBe(body.checker.id);
    expect(viaGateway.services.auth.instances[0]?.serviceId).toBe(a.registrations.auth.serviceId);

    const metricsRes = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(metricsRes.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await metricsRes.text();
    expect(text).toMatch(/health_checker_checks_total\{service="auth",outcome="serving"\} \d+/);
    expect(text).toContain(
      `health_checker_instance_healthy{service="outing",instance="${a.registrations.outing.serviceId}",address="${a.services.addresses.outing}"} 1`,
    );
    expect(text).toContain('health_checker_healthy_instances{service="announcement"} 1');
    expect(text).toMatch(/health_checker_rounds_total \d+/);
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
  });
});
