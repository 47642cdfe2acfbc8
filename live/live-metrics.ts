import type { LiveField } from './live-fields';
import type { LiveTopic } from './live-events';

/** Why an event that should have reached a subscriber did not. */
export type DropReason = 'slow_consumer' | 'execution_failed';

/** Why a socket or an upgrade was refused or closed by the gateway. */
export type RefusalReason =
  | 'unauthenticated'
  | 'token_expired'
  | 'too_many_sockets'
  | 'too_many_sockets_per_user'
  | 'origin'
  | 'draining'
  | 'blocked';

/** What the live updates count; the Prometheus side is `src/telemetry/live-metrics.ts`. */
export interface LiveMetrics {
  connectionOpened(): void;
  connectionClosed(): void;
  subscriptionOpened(field: LiveField): void;
  subscriptionClosed(field: LiveField): void;
  eventSent(field: LiveField): void;
  eventsDropped(reason: DropReason, count: number): void;
  /** `published`, `failed` (the bus refused it), `unresolved` (the outing could not be read back after the write). */
  eventPublished(topic: LiveTopic, outcome: 'published' | 'failed' | 'unresolved'): void;
  refused(reason: RefusalReason): void;
}

export const noopLiveMetrics: LiveMetrics = {
  connectionOpened: () => {},
  connectionClosed: () => {},
  subscriptionOpened: () => {},
  subscriptionClosed: () => {},
  eventSent: () => {},
  eventsDropped: () => {},
  eventPublished: () => {},
  refused: () => {},
};
