/**
 * Sliding-window counters: the one primitive behind the per-service limits, the `@rateLimit` directive and the
 * flood guard. A hit that would pass the limit is refused and not recorded, so a caller who keeps knocking
 * still gets `limit` calls per window (the window does not slide shut forever).
 */
export interface HitOptions {
  /** Hits allowed inside any window of `windowMs`. */
  limit: number;
  windowMs: number;
  /** How many hits this call counts for (aliases of one field in one operation); 1 by default. */
  weight?: number;
}

export type HitResult =
  | { allowed: true; count: number }
  /** `retryAfterMs`: when enough of the window's hits have aged out for this hit to pass. */
  | { allowed: false; count: number; retryAfterMs: number };

export interface WindowCounters {
  /** Counts a hit on `key` when it fits the limit; atomic per key (across replicas for the Redis adapter). */
  hit(key: string, options: HitOptions): HitResult | Promise<HitResult>;
  close(): Promise<void>;
}

/** What traffic control reports to metrics (the telemetry's counters fit this shape); all optional. */
export interface TrafficEvents {
  /** A request refused by a limit: `flood`, `service:<name>` or `field:<Type.field>`. */
  rateLimited?(limiter: string): void;
  /** The flood guard blocked an address. */
  ipBlocked?(): void;
  /** A request from a blocked address was refused. */
  blockedIpRejected?(): void;
}

/** Whole seconds for a `Retry-After` header: rounded up, at least 1. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
