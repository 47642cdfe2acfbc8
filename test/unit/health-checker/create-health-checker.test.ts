import { BREAKER_OPEN_NOTE, HEALTH_CHECK_FAILED_NOTE } from '../../../core/consul-client';
import { createLogger } from '../../../core/logger';
import { createMetricsRegistry, type Registry } from '../../../core/metrics-registry';
import type { ServiceAlert } from '../../../health-checker/alert-webhook';
import { createHealthChecker, type HealthChecker } from '../../../health-checker/create-health-checker';
import type { ProbeOutcome, ProbeResult } from '../../../health-checker/grpc-health-probe';
import {
  createMemoryInstanceCatalog,
  type MemoryInstanceCatalog,
} from '../../../health-checker/memory-instance-catalog';

const logger = createLogger({ name: 'health-checker-test', level: 'silent' });

const RESULTS: Record<ProbeOutcome, ProbeResult> = {
  serving: { ok: true, outcome: 'serving', detail: 'SERVING', durationMs: 1 },
  legacy: { ok: true, outcome: 'legacy', detail: 'no grpc.health.v1 service', durationMs: 1 },
  not_serving: { ok: false, outcome: 'not_serving', detail: 'NOT_SERVING', durationMs: 1 },
  timeout: { ok: false, outcome: 'timeout', detail: 'no answer within 100 ms', durationMs: 100 },
  unreachable: { ok: false, outcome: 'unreachable', detail: 'UNAVAILABLE: refused', durationMs: 1 },
  error: { ok: false, outcome: 'error', detail: 'INTERNAL: boom', durationMs: 1 },
};

describe('createHealthChecker (in-memory catalog, scripted probe)', () => {
  let catalog: MemoryInstanceCatalog;
  let outcomes: Map<string, ProbeOutcome>;
  let clock: number;
  let alerts: ServiceAlert[];
  let metrics: Registry;
  let checker: HealthChecker;

  const build = (overrides: Partial<Parameters<typeof createHealthChecker>[0]> = {}) =>
    createHealthChecker({
      catalog,
      logger,
      metrics,
      services: ['auth'],
      intervalMs: 1000,
      timeoutMs: 100,
      failuresBeforeCritical: 2,
      deregisterAfterMs: 3000,
      historySize: 4,
      checkerId: 'test-checker',
      probe: async (address) => RESULTS[outcomes.get(address) ?? 'serving'],
      alert: async (alert) => void alerts.push(alert),
      now: () => clock,
      ...overrides,
    });

  /** One round, then the clock moves one interval on. */
  const round = async (c = checker) => {
    await c.runRound();
    clock += 1000;
  };
  const instance = (serviceId: string) =>
    checker.snapshot().services.auth.instances.find((i) => i.serviceId === serviceId);

  beforeEach(() => {
    catalog = createMemoryInstanceCatalog();
    catalog.add('auth', { serviceId: 'a', address: '10.0.0.1:1' });
    catalog.add('auth', { serviceId: 'b', address: '10.0.0.2:1' });
    outcomes = new Map();
    clock = 1_000_000;
    alerts = [];
    metrics = createMetricsRegistry();
    checker = build();
  });
  afterEach(() => checker.close());

  it('fails the check only after the configured consecutive failures, with a note naming the cause', async () => {
    outcomes.set('10.0.0.2:1', 'unreachable');
    await round();
    expect(instance('b')).toMatchObject({ state: 'failing', consecutiveFailures: 1 });
    expect(catalog.actions).toEqual([]);
    await round();
    expect(instance('b')).toMatchObject({ state: 'failed', consecutiveFailures: 2 });
    expect(catalog.actions).toHaveLength(1);
    expect(catalog.actions[0]).toMatchObject({ action: 'fail', id: 'service:b' });
    expect(catalog.actions[0]?.note).toMatch(new RegExp(`^${HEALTH_CHECK_FAILED_NOTE}: unreachable`));
    expect(catalog.get('b')?.checkStatus).toBe('critical');
    expect(instance('a')).toMatchObject({ state: 'healthy', consecutiveFailures: 0 });
  });

  it('does not fail a check that is already critical again (idempotent across checkers)', async () => {
    outcomes.set('10.0.0.2:1', 'timeout');
    catalog.add('auth', { serviceId: 'b', address: '10.0.0.2:1', checkStatus: 'critical', checkOutput: 'TTL expired' });
    await round();
    await round();
    await round();
    expect(catalog.actions).toEqual([]);
    expect(instance('b')?.state).toBe('failed');
  });

  it('deregisters an instance that keeps failing for the grace period, counted from its first failure', async () => {
    outcomes.set('10.0.0.2:1', 'unreachable');
    for (let i = 0; i < 3; i += 1) await round(); // failures at t, t+1s, t+2s: still within the 3 s grace
    expect(catalog.actions.map((a) => a.action)).toEqual(['fail']);
    await round(); // t+3s
    expect(catalog.actions.map((a) => a.action)).toEqual(['fail', 'deregister']);
    expect(catalog.get('b')).toBeUndefined();
    expect(instance('b')?.state).toBe('deregistered');
    await round();
    // Kept for its history, no further action.
    expect(instance('b')?.state).toBe('deregistered');
    expect(catalog.actions).toHaveLength(2);
  });

  it('passes a check it failed once the instance answers again, and resets the failure count', async () => {
    outcomes.set('10.0.0.2:1', 'not_serving');
    await round();
    await round();
    outcomes.set('10.0.0.2:1', 'serving');
    await round();
    expect(catalog.actions.map((a) => a.action)).toEqual(['fail', 'pass']);
    expect(catalog.get('b')?.checkStatus).toBe('passing');
    expect(instance('b')).toMatchObject({ state: 'healthy', consecutiveFailures: 0, failingSince: null });
    await round();
    expect(catalog.actions).toHaveLength(2);
  });

  it('never passes a check a breaker failed, nor a TTL check that expired', async () => {
    catalog.add('auth', {
      serviceId: 'a',
      address: '10.0.0.1:1',
      checkStatus: 'critical',
      checkOutput: BREAKER_OPEN_NOTE,
    });
    catalog.add('auth', { serviceId: 'b', address: '10.0.0.2:1', checkStatus: 'critical', checkOutput: 'TTL expired' });
    for (let i = 0; i < 3; i += 1) await round();
    expect(catalog.actions).toEqual([]);
    expect(catalog.get('a')).toMatchObject({ checkStatus: 'critical', checkOutput: BREAKER_OPEN_NOTE });
    expect(instance('a')?.state).toBe('healthy');
  });

  it('counts a legacy service that answers UNIMPLEMENTED as healthy', async () => {
    outcomes.set('10.0.0.1:1', 'legacy');
    await round();
    expect(instance('a')).toMatchObject({ state: 'healthy', lastCheck: { ok: true, outcome: 'legacy' } });
  });

  it('keeps a bounded history per instance, oldest first', async () => {
    const sequence: ProbeOutcome[] = ['serving', 'timeout', 'serving', 'error', 'serving', 'unreachable'];
    for (const outcome of sequence) {
      outcomes.set('10.0.0.1:1', outcome);
      await round();
    }
    const history = instance('a')?.history ?? [];
    expect(history.map((h) => h.outcome)).toEqual(sequence.slice(-4));
    expect(instance('a')?.lastCheck).toEqual(history.at(-1));
    expect(new Date(history[0]?.at ?? '').getTime()).toBeLessThan(new Date(history[3]?.at ?? '').getTime());
  });

  it('alerts once when a service has no healthy instance left and once when it recovers', async () => {
    outcomes.set('10.0.0.1:1', 'unreachable');
    await round();
    expect(alerts).toEqual([]);
    outcomes.set('10.0.0.2:1', 'timeout');
    await round();
    await round();
    expect(alerts.map((a) => a.event)).toEqual(['no_healthy_instance']);
    expect(alerts[0]).toMatchObject({
      service: 'auth',
      consulService: 'DMS.SMS.v1.service.auth',
      checker: 'test-checker',
    });
    expect(alerts[0]?.instances.map((i) => i.serviceId).sort()).toEqual(['a', 'b']);
    expect(checker.snapshot().services.auth).toMatchObject({ healthyInstances: 0, alerting: true });
    outcomes.set('10.0.0.2:1', 'serving');
    await round();
    expect(alerts.map((a) => a.event)).toEqual(['no_healthy_instance', 'recovered']);
  });

  it('alerts for a service with no instance registered at all', async () => {
    await checker.close();
    checker = build({ services: ['club'] });
    await round();
    expect(alerts.map((a) => [a.event, a.service])).toEqual([['no_healthy_instance', 'club']]);
  });

  it('keeps its records and acts on nothing while Consul cannot be listed', async () => {
    outcomes.set('10.0.0.2:1', 'unreachable');
    await round();
    catalog.setReachable(false);
    await round();
    await round();
    expect(catalog.actions).toEqual([]);
    expect(instance('b')).toMatchObject({ state: 'failing', consecutiveFailures: 1 });
    expect(await metrics.getSingleMetricAsString('health_checker_consul_list_errors_total')).toMatch(
      /health_checker_consul_list_errors_total\{service="auth"\} 2/,
    );
  });

  it('marks an instance that vanished from Consul as left and starts afresh when it is registered again', async () => {
    await round();
    await catalog.deregister('b');
    await round();
    expect(instance('b')?.state).toBe('left');
    expect(checker.snapshot().services.auth.healthyInstances).toBe(1);
    catalog.add('auth', { serviceId: 'b', address: '10.0.0.2:1' });
    await round();
    expect(instance('b')).toMatchObject({ state: 'healthy' });
    // Not checked while it was gone: two checks, one before and one after.
    expect(instance('b')?.history).toHaveLength(2);
  });

  it('exports checks, instance health, actions and rounds as Prometheus metrics', async () => {
    outcomes.set('10.0.0.2:1', 'timeout');
    await round();
    await round();
    const text = await metrics.metrics();
    expect(text).toContain('health_checker_checks_total{service="auth",outcome="serving"} 2');
    expect(text).toContain('health_checker_checks_total{service="auth",outcome="timeout"} 2');
    expect(text).toContain('health_checker_instance_healthy{service="auth",instance="b",address="10.0.0.2:1"} 0');
    expect(text).toContain('health_checker_instance_healthy{service="auth",instance="a",address="10.0.0.1:1"} 1');
    expect(text).toContain('health_checker_consul_actions_total{service="auth",action="fail",result="ok"} 1');
    expect(text).toContain('health_checker_healthy_instances{service="auth"} 1');
    expect(text).toContain('health_checker_rounds_total 2');
    expect(text).toContain('health_checker_check_duration_seconds_bucket');
  });

  it('runs rounds on its interval after start() and stops on close()', async () => {
    await checker.close();
    checker = build({ intervalMs: 20, now: Date.now });
    checker.start();
    const deadline = Date.now() + 2000;
    while (checker.snapshot().checker.rounds < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(checker.snapshot().checker.rounds).toBeGreaterThanOrEqual(3);
    await checker.close();
    const after = checker.snapshot().checker.rounds;
    await new Promise((r) => setTimeout(r, 80));
    expect(checker.snapshot().checker.rounds).toBe(after);
  });
});
