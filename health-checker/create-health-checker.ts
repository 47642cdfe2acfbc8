import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import { consulServiceName, SERVICE_NAMES, type ServiceName } from '../core/config';
import { BREAKER_OPEN_NOTE, HEALTH_CHECK_FAILED_NOTE } from '../core/consul-client';
import type { Logger } from '../core/logger';
import type { AlertSink, ServiceAlert } from './alert-webhook';
import { createHealthCheckerMetrics } from './health-checker-metrics';
import type { CatalogInstance, InstanceCatalog } from './instance-catalog';
import { createGrpcHealthProbe, type InstanceProbe, type ProbeOutcome, type ProbeResult } from './grpc-health-probe';

/**
 * `unknown` until the first check; `failing` below the failure threshold; `failed` once its Consul check was
 * failed; `deregistered` by this checker; `left` when it vanished from Consul by other hands.
 */
export type InstanceState = 'unknown' | 'healthy' | 'failing' | 'failed' | 'deregistered' | 'left';

export interface CheckRecord {
  at: string;
  ok: boolean;
  outcome: ProbeOutcome;
  detail: string;
  durationMs: number;
}

export interface InstanceView {
  serviceId: string;
  address: string;
  checkId: string;
  state: InstanceState;
  consecutiveFailures: number;
  /** First failure of the current run of failures. */
  failingSince: string | null;
  /** The instance's Consul check as last listed. */
  consul: { status: string | null; output: string } | null;
  lastCheck: CheckRecord | null;
  /** Oldest first, at most `historySize` entries. */
  history: CheckRecord[];
}

/** The body of `GET /health/instances`. */
export interface HealthCheckerSnapshot {
  checker: {
    id: string;
    intervalMs: number;
    timeoutMs: number;
    failuresBeforeCritical: number;
    deregisterAfterMs: number;
    historySize: number;
    rounds: number;
    lastRoundAt: string | null;
  };
  services: Record<
    ServiceName,
    { consulService: string; healthyInstances: number; alerting: boolean; instances: InstanceView[] }
  >;
}

export interface HealthCheckerSettings {
  /** Time between the starts of two rounds, in ms. */
  intervalMs: number;
  /** Deadline of one instance's check, in ms. */
  timeoutMs: number;
  /** Consecutive failures before the instance's Consul check is failed. */
  failuresBeforeCritical: number;
  /** How long an instance must keep failing, from its first failure, before it is deregistered, in ms. */
  deregisterAfterMs: number;
  /** Checks kept per instance. */
  historySize: number;
}

export interface HealthCheckerOptions extends HealthCheckerSettings {
  catalog: InstanceCatalog;
  logger: Logger;
  /** Where the metrics go (the gateway's registry when embedded). */
  metrics: Registry;
  /** @default the grpc.health.v1 probe */
  probe?: InstanceProbe;
  /** Called when a service has no healthy instance left and when it has one again. */
  alert?: AlertSink;
  /** @default all five */
  services?: readonly ServiceName[];
  /** Names this checker in notes, alerts and logs. @default `<hostname>:<pid>` */
  checkerId?: string;
  now?: () => number;
}

export interface HealthChecker {
  /** Runs a round at once, then one every `intervalMs`. */
  start(): void;
  /** One round over every instance of every service (rounds never overlap; a second call waits for the first). */
  runRound(): Promise<void>;
  snapshot(): HealthCheckerSnapshot;
  /** Stops the rounds, waits for the one running, closes the catalog. */
  close(): Promise<void>;
}

interface InstanceRecord {
  service: ServiceName;
  serviceId: string;
  address: string;
  checkId: string;
  state: InstanceState;
  consecutiveFailures: number;
  failingSince: number | undefined;
  consul: CatalogInstance | undefined;
  history: CheckRecord[];
  /** When it stopped being listed; departed records are kept a while for their history. */
  departedAt: number | undefined;
}

/** Departed instances kept per service for their history. */
const DEPARTED_KEPT = 20;

/**
 * The active health checker (legacy `v1-health-check`, legacy-api.md §2.4): a crashed service never fails its
 * own TTL check, and breakers only notice a dead instance under traffic, so every `intervalMs` it checks every
 * instance Consul lists, fails the check of one that keeps failing, deregisters it after a grace period and
 * passes it again when it recovers.
 *
 * Several checkers (and gateways) may act at once, so it only writes what differs from what Consul shows: it
 * fails a check that is not critical yet, passes only a check that a checker failed (its note starts with
 * HEALTH_CHECK_FAILED_NOTE) — never one a breaker failed or a TTL that expired — and deregistration is idempotent.
 */
export function createHealthChecker(options: HealthCheckerOptions): HealthChecker {
  const { catalog, logger, intervalMs, timeoutMs, failuresBeforeCritical, deregisterAfterMs, historySize } = options;
  const services = options.services ?? SERVICE_NAMES;
  const probe = options.probe ?? createGrpcHealthProbe();
  const now = options.now ?? Date.now;
  const checkerId = options.checkerId ?? `${hostname()}:${process.pid}`;
  const metrics = createHealthCheckerMetrics(options.metrics);
  const records = new Map<string, InstanceRecord>();
  const alerting = new Map<ServiceName, boolean>();
  let rounds = 0;
  let lastRoundAt: number | undefined;
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const setState = (record: InstanceRecord, state: InstanceState, why: Record<string, unknown> = {}) => {
    if (record.state === state) return;
    const line = { service: record.service, serviceId: record.serviceId, address: record.address, ...why };
    const level = state === 'failed' || state === 'deregistered' ? 'warn' : 'info';
    logger[level]({ ...line, from: record.state, to: state }, 'instance health changed');
    record.state = state;
  };

  const act = async (record: InstanceRecord, action: 'fail' | 'pass' | 'deregister', note = '') => {
    try {
      if (action === 'fail') await catalog.failCheck(record.checkId, note);
      else if (action === 'pass') await catalog.passCheck(record.checkId, note);
      else await catalog.deregister(record.serviceId);
      metrics.actions.inc({ service: record.service, action, result: 'ok' });
      return true;
    } catch (err) {
      // Nothing is remembered as done, so the next round tries again.
      metrics.actions.inc({ service: record.service, action, result: 'error' });
      logger.warn({ err, service: record.service, serviceId: record.serviceId, action }, 'consul action failed');
      return false;
    }
  };

  const recordOf = (service: ServiceName, instance: CatalogInstance): InstanceRecord => {
    let record = records.get(instance.serviceId);
    if (!record) {
      record = {
        service,
        serviceId: instance.serviceId,
        address: instance.address,
        checkId: instance.checkId,
        state: 'unknown',
        consecutiveFailures: 0,
        failingSince: undefined,
        consul: undefined,
        history: [],
        departedAt: undefined,
      };
      records.set(instance.serviceId, record);
      logger.info({ service, serviceId: instance.serviceId, address: instance.address }, 'instance found');
    } else if (record.departedAt !== undefined) {
      // Registered again (a heartbeat re-registers an instance the agent forgot): a fresh start, same history.
      record.departedAt = undefined;
      record.consecutiveFailures = 0;
      record.failingSince = undefined;
      setState(record, 'unknown', { reason: 'registered again' });
    }
    record.address = instance.address;
    record.checkId = instance.checkId;
    record.consul = instance;
    return record;
  };

  const judge = async (record: InstanceRecord, result: ProbeResult, startedAt: number) => {
    const consul = record.consul;
    const critical = consul?.checkStatus === 'critical';
    if (result.ok) {
      record.consecutiveFailures = 0;
      record.failingSince = undefined;
      setState(record, 'healthy', { outcome: result.outcome });
      if (critical && consul.checkOutput.startsWith(HEALTH_CHECK_FAILED_NOTE)) {
        if (await act(record, 'pass', `health checker ${checkerId}: ${result.outcome} again`)) {
          logger.info({ service: record.service, serviceId: record.serviceId }, 'passed the consul check again');
        }
      }
      // A check a breaker failed stays failed: the gateway passes it itself when the breaker half-opens.
      if (critical && consul.checkOutput === BREAKER_OPEN_NOTE) {
        logger.debug({ service: record.service, serviceId: record.serviceId }, 'check left to the open breaker');
      }
      return;
    }
    record.consecutiveFailures += 1;
    record.failingSince ??= startedAt;
    const why = { outcome: result.outcome, detail: result.detail, failures: record.consecutiveFailures };
    if (record.consecutiveFailures < failuresBeforeCritical) return setState(record, 'failing', why);
    if (!critical) {
      const note = `${HEALTH_CHECK_FAILED_NOTE}: ${result.outcome} (${result.detail}), ${record.consecutiveFailures} in a row [${checkerId}]`;
      if (await act(record, 'fail', note))
        logger.warn({ service: record.service, serviceId: record.serviceId, ...why }, 'failed the consul check');
    }
    setState(record, 'failed', why);
    if (now() - record.failingSince >= deregisterAfterMs && (await act(record, 'deregister'))) {
      setState(record, 'deregistered', { ...why, failingForMs: now() - record.failingSince });
      record.departedAt = now();
    }
  };

  const checkInstance = async (service: ServiceName, instance: CatalogInstance) => {
    const record = recordOf(service, instance);
    const startedAt = now();
    const result = await probe(instance.address, timeoutMs);
    record.history.push({
      at: new Date(startedAt).toISOString(),
      ok: result.ok,
      outcome: result.outcome,
      detail: result.detail,
      durationMs: result.durationMs,
    });
    if (record.history.length > historySize) record.history.splice(0, record.history.length - historySize);
    metrics.checks.inc({ service, outcome: result.outcome });
    metrics.checkDuration.observe({ service }, result.durationMs / 1000);
    await judge(record, result, startedAt);
    const gone = record.state === 'deregistered';
    if (!gone) {
      metrics.instanceHealthy.set({ service, instance: record.serviceId, address: record.address }, result.ok ? 1 : 0);
      metrics.consecutiveFailures.set({ service, instance: record.serviceId }, record.consecutiveFailures);
    }
  };

  const forget = (record: InstanceRecord) => {
    metrics.instanceHealthy.remove({ service: record.service, instance: record.serviceId, address: record.address });
    metrics.consecutiveFailures.remove({ service: record.service, instance: record.serviceId });
  };

  /** Marks instances no longer listed as departed and keeps only the newest few departed ones. */
  const sweep = (service: ServiceName, listed: Set<string>) => {
    const departed: InstanceRecord[] = [];
    for (const record of records.values()) {
      if (record.service !== service) continue;
      if (!listed.has(record.serviceId) && record.departedAt === undefined) {
        record.departedAt = now();
        setState(record, 'left', { reason: 'no longer registered in consul' });
      }
      if (record.departedAt !== undefined) {
        forget(record);
        departed.push(record);
      }
    }
    departed.sort((a, b) => (b.departedAt ?? 0) - (a.departedAt ?? 0));
    for (const old of departed.slice(DEPARTED_KEPT)) records.delete(old.serviceId);
  };

  const liveRecords = (service: ServiceName) =>
    [...records.values()].filter((r) => r.service === service && r.departedAt === undefined);

  const raiseAlerts = (service: ServiceName) => {
    const live = liveRecords(service);
    const healthy = live.filter((r) => r.history.at(-1)?.ok === true).length;
    metrics.healthyInstances.set({ service }, healthy);
    const wasAlerting = alerting.get(service) ?? false;
    if ((healthy === 0) === wasAlerting) return;
    alerting.set(service, healthy === 0);
    const event: ServiceAlert['event'] = healthy === 0 ? 'no_healthy_instance' : 'recovered';
    const alert: ServiceAlert = {
      event,
      service,
      consulService: consulServiceName(service),
      checker: checkerId,
      at: new Date(now()).toISOString(),
      instances: live.map((r) => ({
        serviceId: r.serviceId,
        address: r.address,
        state: r.state,
        outcome: r.history.at(-1)?.outcome ?? null,
      })),
    };
    metrics.alerts.inc({ service, event });
    if (event === 'no_healthy_instance') logger.error({ alert }, 'ALERT: service has no healthy instance');
    else logger.info({ alert }, 'service has a healthy instance again');
    void options.alert?.(alert).catch((err: unknown) => logger.warn({ err, service }, 'alert sink failed'));
  };

  const checkService = async (service: ServiceName) => {
    let instances: CatalogInstance[];
    try {
      instances = await catalog.list(service);
    } catch (err) {
      // Keep what we know; acting on a list we could not read would be guessing.
      metrics.listErrors.inc({ service });
      logger.warn({ err, service }, 'could not list the instances in consul');
      return;
    }
    await Promise.all(instances.map((instance) => checkInstance(service, instance)));
    sweep(service, new Set(instances.map((i) => i.serviceId)));
    raiseAlerts(service);
  };

  const runRound = () => {
    running ??= (async () => {
      try {
        await Promise.all(services.map(checkService));
        rounds += 1;
        lastRoundAt = now();
        metrics.rounds.inc();
        metrics.lastRound.set(lastRoundAt / 1000);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };

  const schedule = (delayMs: number) => {
    if (closed) return;
    timer = setTimeout(() => {
      const started = now();
      runRound()
        .catch((err: unknown) => logger.error({ err }, 'health check round failed'))
        .finally(() => schedule(Math.max(0, intervalMs - (now() - started))));
    }, delayMs);
    timer.unref();
  };

  const view = (record: InstanceRecord): InstanceView => ({
    serviceId: record.serviceId,
    address: record.address,
    checkId: record.checkId,
    state: record.state,
    consecutiveFailures: record.consecutiveFailures,
    failingSince: record.failingSince === undefined ? null : new Date(record.failingSince).toISOString(),
    consul: record.consul ? { status: record.consul.checkStatus ?? null, output: record.consul.checkOutput } : null,
    lastCheck: record.history.at(-1) ?? null,
    history: [...record.history],
  });

  return {
    start() {
      if (timer || closed) return;
      logger.info(
        { checkerId, intervalMs, timeoutMs, failuresBeforeCritical, deregisterAfterMs },
        'health checker started',
      );
      schedule(0);
    },
    runRound,
    snapshot() {
      const byService = Object.fromEntries(
        services.map((service) => {
          const all = [...records.values()].filter((r) => r.service === service);
          return [
            service,
            {
              consulService: consulServiceName(service),
              healthyInstances: liveRecords(service).filter((r) => r.history.at(-1)?.ok === true).length,
              alerting: alerting.get(service) ?? false,
              instances: all.map(view),
            },
          ];
        }),
      ) as HealthCheckerSnapshot['services'];
      return {
        checker: {
          id: checkerId,
          intervalMs,
          timeoutMs,
          failuresBeforeCritical,
          deregisterAfterMs,
          historySize,
          rounds,
          lastRoundAt: lastRoundAt === undefined ? null : new Date(lastRoundAt).toISOString(),
        },
        services: byService,
      };
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      await running?.catch(() => undefined);
      catalog.close();
    },
  };
}
