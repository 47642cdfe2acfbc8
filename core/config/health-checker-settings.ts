import { z } from 'zod';
import { defineSettings } from './define-settings';
import { discoverySettings } from './discovery-settings';
import { boolean, port } from './setting-schemas';

/** The active health checker (health-checker/), embedded in the gateway or run alone. */
export const healthCheckerSettings = defineSettings({
  env: {
    /** Run the active health checker inside the gateway (needs CONSUL_HTTP_ADDR). @default false */
    HEALTH_CHECKER_ENABLED: boolean.default(false),
    /** HTTP port of the standalone health checker (`/health/instances`, `/metrics`, `/healthz`). @default 4001 */
    HEALTH_CHECKER_PORT: port.default(4001),
    /** Time between two check rounds over every instance, in ms (legacy 1 minute). @default 60000 */
    HEALTH_CHECK_INTERVAL_MS: z.coerce.number().int().min(50).default(60_000),
    /** Deadline of one instance's check, in ms (legacy 2 s). @default 2000 */
    HEALTH_CHECK_TIMEOUT_MS: z.coerce.number().int().min(10).default(2000),
    /** Consecutive failed checks after which the instance's Consul check is failed. @default 2 */
    HEALTH_CHECK_FAILURES_BEFORE_CRITICAL: z.coerce.number().int().min(1).default(2),
    /** How long an instance fails every check (from its first failure) before it is deregistered, in ms. @default 60000 */
    HEALTH_CHECK_DEREGISTER_AFTER_MS: z.coerce.number().int().min(0).default(60_000),
    /** Checks kept per instance in `/health/instances`. @default 20 */
    HEALTH_CHECK_HISTORY_SIZE: z.coerce.number().int().min(1).max(1000).default(20),
    /** URL that gets a JSON POST when a service has no healthy instance left (and when it recovers). @default unset */
    HEALTH_CHECK_ALERT_WEBHOOK: z.url({ protocol: /^https?$/ }).optional(),
  },
  uses: { CONSUL_HTTP_ADDR: discoverySettings.env.CONSUL_HTTP_ADDR },
  rules: [
    {
      // It reads and writes the instances' checks in Consul; without Consul there is nothing to check.
      reads: ['HEALTH_CHECKER_ENABLED', 'CONSUL_HTTP_ADDR'],
      check: (e) =>
        e.HEALTH_CHECKER_ENABLED && !e.CONSUL_HTTP_ADDR
          ? { setting: 'HEALTH_CHECKER_ENABLED', reason: 'the health checker needs CONSUL_HTTP_ADDR' }
          : undefined,
    },
  ],
  read: (e) => ({
    healthChecker: {
      /** Embedded in the gateway; the standalone `npm run health-checker` ignores it. */
      enabled: e.HEALTH_CHECKER_ENABLED,
      port: e.HEALTH_CHECKER_PORT,
      intervalMs: e.HEALTH_CHECK_INTERVAL_MS,
      timeoutMs: e.HEALTH_CHECK_TIMEOUT_MS,
      failuresBeforeCritical: e.HEALTH_CHECK_FAILURES_BEFORE_CRITICAL,
      deregisterAfterMs: e.HEALTH_CHECK_DEREGISTER_AFTER_MS,
      historySize: e.HEALTH_CHECK_HISTORY_SIZE,
      alertWebhook: e.HEALTH_CHECK_ALERT_WEBHOOK,
    },
  }),
});
