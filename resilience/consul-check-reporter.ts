import type Consul from 'consul';
import { BREAKER_OPEN_NOTE } from '../core/consul-client';
import type { Logger } from '../core/logger';
import type { ServiceInstance } from '../discovery/service-registry';
import type { BreakerListener } from './instance-breakers';

/**
 * Tells Consul what a breaker learned, so every gateway and service stops using a failing instance
 * (legacy-api.md §2.3): open → fail its TTL check; half-open → pass it, so the instance is listed again and
 * can take the trial calls; closed → pass it. Each call is idempotent, so replicas doing the same agree.
 */
export function createConsulCheckReporter(consul: Consul, logger: Logger): BreakerListener {
  const report = (instance: ServiceInstance, outcome: 'fail' | 'pass', note: string) => {
    if (!instance.checkId) return;
    const id = instance.checkId;
    const request = outcome === 'fail' ? consul.agent.check.fail({ id, note }) : consul.agent.check.pass({ id, note });
    request.catch((err: unknown) => logger.warn({ err, checkId: id, outcome }, 'could not update the consul check'));
  };
  return {
    onOpen: (instance) => report(instance, 'fail', BREAKER_OPEN_NOTE),
    onHalfOpen: (instance) => report(instance, 'pass', 'circuit breaker half-open: trying the instance again'),
    onClose: (instance) => report(instance, 'pass', 'close circuit breaker'),
  };
}

/** Without Consul there is nobody to tell. */
export const silentBreakerListener: BreakerListener = { onOpen: () => {}, onHalfOpen: () => {}, onClose: () => {} };
