import type { ServiceName } from '../core/config';
import type { Logger } from '../core/logger';

/** Sent when a service has no healthy instance left, and again when one is back. */
export interface ServiceAlert {
  event: 'no_healthy_instance' | 'recovered';
  service: ServiceName;
  /** `DMS.SMS.v1.service.<name>` */
  consulService: string;
  /** Which checker saw it (several may run; receivers can deduplicate by event and service). */
  checker: string;
  at: string;
  instances: Array<{ serviceId: string; address: string; state: string; outcome: string | null }>;
}

export type AlertSink = (alert: ServiceAlert) => Promise<void>;

/** POSTs the alert as JSON; a slow or failing receiver is logged, never retried, never blocks a round. */
export function createWebhookAlertSink(url: string, logger: Logger, timeoutMs = 5000): AlertSink {
  return async (alert) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alert),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      if (!res.ok)
        logger.warn({ status: res.status, event: alert.event, service: alert.service }, 'alert webhook refused');
    } catch (err) {
      logger.warn({ err, event: alert.event, service: alert.service }, 'alert webhook failed');
    }
  };
}
