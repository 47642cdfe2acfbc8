import CircuitBreaker from 'opossum';
import type { Logger } from '../core/logger';
import type { ServiceInstance } from '../discovery/service-registry';

import type { BreakerState } from '../core/gateway-metrics';

/** The legacy breaker (eapache/go-resiliency, legacy-api.md §2.3). */
export interface BreakerSettings {
  /** Transport errors, without an error-free gap of `openMs`, that open the breaker. @default 5 */
  errorThreshold: number;
  /** Consecutive successes after half-open that close it again. @default 5 */
  successThreshold: number;
  /** How long it stays open, and the error-free gap that forgets earlier errors. @default 60000 */
  openMs: number;
}

export const LEGACY_BREAKER_SETTINGS: BreakerSettings = { errorThreshold: 5, successThreshold: 5, openMs: 60_000 };

/** Told when an instance's breaker opens or may take traffic again (the Consul TTL check follows it). */
export interface BreakerListener {
  onOpen(instance: ServiceInstance): void;
  onHalfOpen(instance: ServiceInstance): void;
  onClose(instance: ServiceInstance): void;
}

interface Entry {
  service: string;
  instance: ServiceInstance;
  breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  errors: number;
  lastErrorAt: number;
  /** Successes still needed, the half-open trial included, before the breaker counts as closed. */
  probation: number;
}

/**
 * One breaker per service *and* instance: two services served from one address (one process, or one address in
 * static discovery) fail separately, so one service's outage cannot open the others' breakers.
 */
export interface InstanceBreakers {
  /** Runs one call through the instance's breaker; rejects with `BreakerOpenError` at once when it is open. */
  run<T>(
    service: string,
    instance: ServiceInstance,
    call: () => Promise<T>,
    countsAsFailure: (error: unknown) => boolean,
  ): Promise<T>;
  isOpen(service: string, instanceId: string): boolean;
  /**
   * Per service, the ids of its instances whose breaker is open, kept as breakers change state: a pick skips them
   * with one look-up (a half-open instance is not in it: its trial must be able to reach it). Data, not a call: the
   * call path reads it as it is.
   */
  readonly openInstances: ReadonlyMap<string, ReadonlySet<string>>;
  stateOf(service: string, instanceId: string): BreakerState;
  /** Forgets an instance that left, unless its breaker is still open (its timer brings it back). */
  release(service: string, instanceId: string): void;
  close(): void;
}

export class BreakerOpenError extends Error {
  constructor(
    readonly service: string,
    readonly instance: ServiceInstance,
  ) {
    super(`circuit breaker is open for this ${service} instance`);
    this.name = 'BreakerOpenError';
  }
}

const keyOf = (service: string, instanceId: string) => `${service}\u0000${instanceId}`;

/**
 * One opossum breaker per instance, driven with the legacy semantics: opossum holds the state, the reset timer
 * and the half-open trial (calls pass through it only then); the error count decides when to open (5 transport
 * errors with no gap of a minute; business statuses never count), and half-open needs 5 straight successes
 * (opossum's trial plus 4 on probation) to close.
 */
export function createInstanceBreakers(
  logger: Logger,
  listener: BreakerListener,
  settings: BreakerSettings = LEGACY_BREAKER_SETTINGS,
): InstanceBreakers {
  const entries = new Map<string, Entry>();
  const openByService = new Map<string, Set<string>>();
  /** The set of a service's open instances, made with its first breaker (and kept: one per service). */
  const openOf = (service: string): Set<string> => {
    let ids = openByService.get(service);
    if (ids === undefined) openByService.set(service, (ids = new Set()));
    return ids;
  };
  /** Errors of half-open trials that are no transport failure, for opossum's filter. */
  const notCounted = new WeakSet<object>();

  const entryFor = (service: string, instance: ServiceInstance): Entry => {
    const key = keyOf(service, instance.id);
    let entry = entries.get(key);
    if (entry) return entry;
    const openIds = openOf(service);
    const breaker = new CircuitBreaker((call: () => Promise<unknown>) => call(), {
      name: `${service}/${instance.id}`,
      // A half-open trial answered with an error that is not a transport failure (a business status) reached the
      // instance: opossum must not open again on it (it would without this filter).
      errorFilter: (error: unknown) => typeof error === 'object' && error !== null && notCounted.has(error),
      timeout: false, // deadlines are the call's own
      resetTimeout: settings.openMs,
      // Opening is decided below from the legacy error count, never from opossum's percentages.
      volumeThreshold: Number.MAX_SAFE_INTEGER,
      rollingCountTimeout: settings.openMs,
      enableSnapshots: false,
    });
    const created: Entry = { service, instance, breaker, errors: 0, lastErrorAt: 0, probation: 0 };
    // opossum's `opened` and this set change together: on its open, half-open and close events.
    breaker.on('open', () => {
      openIds.add(instance.id);
      logger.warn({ service, instance: instance.id, address: instance.address }, 'circuit breaker opened');
      listener.onOpen(instance);
    });
    breaker.on('halfOpen', () => {
      openIds.delete(instance.id);
      logger.info({ service, instance: instance.id }, 'circuit breaker half-open');
      listener.onHalfOpen(instance);
    });
    // Opossum closes on the half-open trial's success, before that call returns; the trial is counted by
    // recordSuccess like the rest of the probation.
    breaker.on('close', () => {
      openIds.delete(instance.id);
      created.errors = 0;
      created.probation = settings.successThreshold;
    });
    entries.set(key, created);
    entry = created;
    return entry;
  };

  const recordFailure = (entry: Entry) => {
    const now = Date.now();
    // Any failure while half-open or on probation opens again, also one of a call sent before the breaker opened.
    if (entry.probation > 0 || entry.breaker.halfOpen) {
      entry.probation = 0;
      entry.breaker.open();
      return;
    }
    if (entry.errors > 0 && now - entry.lastErrorAt > settings.openMs) entry.errors = 0;
    entry.errors += 1;
    entry.lastErrorAt = now;
    if (entry.errors >= settings.errorThreshold) entry.breaker.open();
  };

  const recordSuccess = (entry: Entry) => {
    if (entry.probation === 0) return;
    entry.probation -= 1;
    if (entry.probation === 0) {
      logger.info({ service: entry.service, instance: entry.instance.id }, 'circuit breaker closed');
      listener.onClose(entry.instance);
    }
  };

  return {
    async run(service, instance, call, countsAsFailure) {
      const entry = entryFor(service, instance);
      if (entry.breaker.opened) throw new BreakerOpenError(service, instance);
      // Closed: the call goes straight through; opossum's gate would let it pass, and its per-call work (events, a
      // promise, a latency pushed into a 60-second statistics window) feeds nothing: opening is decided from the
      // legacy count. Half-open: opossum lets one trial through, refuses the others until it ends, and closes on
      // its success; a trial's error that is no transport failure is marked for its filter.
      const attempt = entry.breaker.halfOpen
        ? () =>
            entry.breaker.fire(() =>
              call().catch((error: unknown) => {
                if (!countsAsFailure(error) && typeof error === 'object' && error !== null) notCounted.add(error);
                throw error;
              }),
            ) as ReturnType<typeof call>
        : call;
      try {
        const result = await attempt();
        recordSuccess(entry);
        return result;
      } catch (error) {
        if ((error as { code?: string }).code === 'EOPENBREAKER') throw new BreakerOpenError(service, instance);
        if (countsAsFailure(error)) recordFailure(entry);
        throw error;
      }
    },
    isOpen: (service, id) => entries.get(keyOf(service, id))?.breaker.opened ?? false,
    openInstances: openByService,
    stateOf(service, id) {
      const entry = entries.get(keyOf(service, id));
      if (!entry) return 'closed';
      if (entry.breaker.opened) return 'open';
      return entry.breaker.halfOpen || entry.probation > 0 ? 'half-open' : 'closed';
    },
    release(service, id) {
      const key = keyOf(service, id);
      const entry = entries.get(key);
      if (!entry || entry.breaker.opened || entry.breaker.halfOpen || entry.probation > 0) return;
      entry.breaker.shutdown();
      entries.delete(key);
    },
    close() {
      for (const entry of entries.values()) entry.breaker.shutdown();
      entries.clear();
      for (const ids of openByService.values()) ids.clear();
    },
  };
}
