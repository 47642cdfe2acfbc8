import type Consul from 'consul';
import type { Registry } from 'prom-client';
import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import { createWebhookAlertSink } from './alert-webhook';
import { createConsulInstanceCatalog } from './consul-instance-catalog';
import { createHealthChecker, type HealthChecker } from './create-health-checker';

/** The checker as `npm run health-checker` and the gateway (HEALTH_CHECKER_ENABLED) run it. Owns `consul`. */
export function createHealthCheckerFromConfig(
  settings: Config['healthChecker'],
  deps: { consul: Consul; logger: Logger; metrics: Registry },
): HealthChecker {
  return createHealthChecker({
    ...settings,
    catalog: createConsulInstanceCatalog(deps.consul),
    logger: deps.logger,
    metrics: deps.metrics,
    ...(settings.alertWebhook ? { alert: createWebhookAlertSink(settings.alertWebhook, deps.logger) } : {}),
  });
}
