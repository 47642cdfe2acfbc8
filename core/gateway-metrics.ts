import { collectDefaultMetrics, Counter, Gauge, type Registry } from 'prom-client';
import { createPerRequestCounter, createPerRequestHistogram } from './per-request-metrics';

/**
 * The gateway's metric catalogue: one place that names every series, on the registry the wiring gives it. It sits
 * in core/ beside the logger because every floor counts (the call path, the cache, traffic control, the edge).
 */

/** A breaker's state as the gauge reports it (`resilience/instance-breakers.ts` keeps it). */
export type BreakerState = 'closed' | 'open' | 'half-open';
/** Which front door looked a response up. */
export type CacheFront = 'graphql' | 'rest';
/** A fresh entry, none, or an expired entry served because the service is down. */
export type CacheLookupResult = 'hit' | 'miss' | 'stale';

/** Latency buckets in seconds: cache hits sit in the first ones, the 3–7 s upstream deadlines in the last. */
const LATENCY_BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** What the breaker-state gauge reads at each scrape. */
export interface BreakerSnapshot {
  service: string;
  instance: string;
  state: BreakerState;
}

/** 0 closed, 1 half-open, 2 open: one series per instance, so "max by (service)" shows the worst. */
export const BREAKER_STATE_VALUE: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The counters other components increment (response cache, rate limits, flood guard). They are handed this
 * object (or the no-op twin) in the wiring; the names say what each call means.
 */
export interface GatewayCounters {
  /** One response-cache lookup: `cache` is `graphql` or `rest`. */
  cacheLookup(cache: CacheFront, result: CacheLookupResult): void;
  /** An operation found its plan (`hit`) or had one built (`miss`). */
  planLookup(result: 'hit' | 'miss'): void;
  /** A request refused by a rate limit (`limiter` names the rule, e.g. `login`, `graphql-field`, `rest-route`). */
  rateLimited(limiter: string): void;
  /** An IP was put on the block list. */
  ipBlocked(): void;
  /** A request from a blocked IP was refused. */
  blockedIpRejected(): void;
  /** A request was refused because the process held `MAX_IN_FLIGHT_REQUESTS` already (load shedding). */
  requestShed(): void;
}

export interface GatewayMetrics extends GatewayCounters {
  registry: Registry;
  /** One answered request (the request telemetry calls it when the response ends). */
  request(route: string, operation: string, status: number, seconds: number): void;
  /** One upstream attempt. `outcome`: `ok`, a gRPC code in snake case (`unavailable`, `deadline_exceeded`…), `circuit_open`, `no_instance`, `out_of_time`. */
  upstreamCall(service: string, rpc: string, instance: string, outcome: string, seconds?: number): void;
  /** A request was accepted (`requestEnded` follows when its response ends). */
  requestStarted(): void;
  requestEnded(): void;
}

export const noopGatewayCounters: GatewayCounters = {
  cacheLookup: () => {},
  planLookup: () => {},
  rateLimited: () => {},
  ipBlocked: () => {},
  blockedIpRejected: () => {},
  requestShed: () => {},
};

// GraphQL operation names come from clients: only well-formed ones become label values, and only so many.
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const MAX_OPERATION_LABELS = 200;

/**
 * The gateway's Prometheus metrics on the registry it is given (`core/metrics-registry.ts`), plus prom-client's
 * default process metrics (event-loop lag, heap, GC, CPU).
 */
export function createGatewayMetrics(
  registry: Registry,
  breakerStates: () => Iterable<BreakerSnapshot> = () => [],
): GatewayMetrics {
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });
  // Updated by every request or upstream call: series that allocate nothing per update (per-request-metrics.ts).
  const requests = createPerRequestCounter({
    name: 'gateway_http_requests_total',
    help: 'HTTP requests answered, by route pattern, GraphQL operation name ("-" outside /graphql) and status',
    labelNames: ['route', 'operation', 'status'],
    registry,
  });
  const requestSeconds = createPerRequestHistogram({
    name: 'gateway_http_request_duration_seconds',
    help: 'Time from the request arriving to the response ending',
    labelNames: ['route', 'operation'],
    buckets: LATENCY_BUCKETS,
    registry,
  });
  let inFlight = 0;
  new Gauge({
    name: 'gateway_http_requests_in_flight',
    help: 'Requests accepted and not yet answered',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });
  const upstreamCalls = createPerRequestCounter({
    name: 'gateway_upstream_calls_total',
    help: 'Upstream gRPC attempts by service, RPC, instance and outcome (ok, a gRPC code, circuit_open, no_instance)',
    labelNames: ['service', 'rpc', 'instance', 'outcome'],
    registry,
  });
  const upstreamSeconds = createPerRequestHistogram({
    name: 'gateway_upstream_call_duration_seconds',
    help: 'Latency of upstream gRPC attempts that reached an instance',
    labelNames: ['service', 'rpc', 'instance'],
    buckets: LATENCY_BUCKETS,
    registry,
  });
  new Gauge({
    name: 'gateway_circuit_breaker_state',
    help: 'Breaker state per upstream instance: 0 closed, 1 half-open, 2 open',
    labelNames: ['service', 'instance'],
    registers: [registry],
    collect() {
      this.reset();
      for (const b of breakerStates())
        this.set({ service: b.service, instance: b.instance }, BREAKER_STATE_VALUE[b.state]);
    },
  });
  const cacheLookups = createPerRequestCounter({
    name: 'gateway_cache_lookups_total',
    help: 'Response-cache lookups by cache (graphql, rest) and result (hit, miss, stale: an outage answered from an expired entry)',
    labelNames: ['cache', 'result'],
    registry,
  });
  const planLookups = createPerRequestCounter({
    name: 'gateway_operation_plans_total',
    help: 'Operations by whether their plan was found (hit) or built (miss)',
    labelNames: ['result'],
    registry,
  });
  const rateLimited = new Counter({
    name: 'gateway_rate_limit_rejections_total',
    help: 'Requests refused by a rate limit, by limiter',
    labelNames: ['limiter'],
    registers: [registry],
  });
  const ipBlocks = new Counter({
    name: 'gateway_ip_blocks_total',
    help: 'IPs put on the block list by the flood guard',
    registers: [registry],
  });
  const blockedRejections = new Counter({
    name: 'gateway_blocked_ip_rejections_total',
    help: 'Requests refused because their IP is blocked',
    registers: [registry],
  });
  const shed = new Counter({
    name: 'gateway_requests_shed_total',
    help: 'Requests refused with 503 SHEDDING because the process held MAX_IN_FLIGHT_REQUESTS already',
    registers: [registry],
  });
  // Pre-create the zero series so dashboards and alerts see 0 rather than "no data" before the first event.
  for (const cache of ['graphql', 'rest'])
    for (const result of ['hit', 'miss', 'stale']) cacheLookups.declare(cache, result);
  for (const result of ['hit', 'miss']) planLookups.declare(result);
  ipBlocks.inc(0);
  blockedRejections.inc(0);
  shed.inc(0);

  const operations = new Set<string>();
  const operationLabel = (operation: string) => {
    if (operation === '-' || operation === 'anonymous') return operation;
    if (!OPERATION_NAME.test(operation)) return 'other';
    if (operations.has(operation)) return operation;
    if (operations.size >= MAX_OPERATION_LABELS) return 'other';
    operations.add(operation);
    return operation;
  };

  return {
    registry,
    requestStarted: () => {
      inFlight += 1;
    },
    requestEnded: () => {
      inFlight -= 1;
    },
    request(route, operation, status, seconds) {
      const op = operationLabel(operation);
      requests.inc(route, op, status);
      requestSeconds.observe(seconds, route, op);
    },
    upstreamCall(service, rpc, instance, outcome, seconds) {
      upstreamCalls.inc(service, rpc, instance, outcome);
      if (seconds !== undefined) upstreamSeconds.observe(seconds, service, rpc, instance);
    },
    cacheLookup: (cache, result) => cacheLookups.inc(cache, result),
    planLookup: (result) => planLookups.inc(result),
    rateLimited: (limiter) => rateLimited.inc({ limiter }),
    ipBlocked: () => ipBlocks.inc(),
    blockedIpRejected: () => blockedRejections.inc(),
    requestShed: () => shed.inc(),
  };
}
