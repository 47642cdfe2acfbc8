import { Counter, Gauge, type Registry } from 'prom-client';
import { LIVE_FIELDS } from '../../live/live-fields';
import type { LiveMetrics } from '../../live/live-metrics';
import { createPerRequestCounter } from '../../core/per-request-metrics';

/** The live updates' Prometheus metrics (docs/subscriptions.md, "Metrics"), on the gateway's registry. */
export function createLiveMetrics(registry: Registry): LiveMetrics {
  const connections = new Gauge({
    name: 'gateway_subscription_connections',
    help: 'Open subscription sockets (graphql-transport-ws), acknowledged or not',
    registers: [registry],
  });
  const subscriptions = new Gauge({
    name: 'gateway_subscriptions',
    help: 'Running subscriptions by field',
    labelNames: ['field'],
    registers: [registry],
  });
  // One update per event per subscriber: a series that allocates nothing per update (per-request-metrics.ts).
  const sent = createPerRequestCounter({
    name: 'gateway_subscription_events_sent_total',
    help: 'Events sent to subscribers, by field',
    labelNames: ['field'],
    registry,
  });
  const dropped = new Counter({
    name: 'gateway_subscription_events_dropped_total',
    help: 'Events meant for a subscriber and not sent: slow_consumer (its socket was closed), execution_failed',
    labelNames: ['reason'],
    registers: [registry],
  });
  const published = new Counter({
    name: 'gateway_live_events_published_total',
    help: 'Events published after a write, by topic and outcome (published, failed, unresolved)',
    labelNames: ['topic', 'outcome'],
    registers: [registry],
  });
  const refusals = new Counter({
    name: 'gateway_subscription_refusals_total',
    help: 'Subscription sockets refused or closed by the gateway, by reason',
    labelNames: ['reason'],
    registers: [registry],
  });
  // Zero series up front, so dashboards and alerts see 0 rather than "no data".
  for (const field of Object.keys(LIVE_FIELDS)) {
    subscriptions.set({ field }, 0);
    sent.declare(field);
  }
  for (const reason of ['slow_consumer', 'execution_failed']) dropped.inc({ reason }, 0);
  return {
    connectionOpened: () => connections.inc(),
    connectionClosed: () => connections.dec(),
    subscriptionOpened: (field) => subscriptions.inc({ field }),
    subscriptionClosed: (field) => subscriptions.dec({ field }),
    eventSent: (field) => sent.inc(field),
    eventsDropped: (reason, count) => dropped.inc({ reason }, count),
    eventPublished: (topic, outcome) => published.inc({ topic, outcome }),
    refused: (reason) => refusals.inc({ reason }),
  };
}
