import type { ServerResponse } from 'node:http';
import { UnavailableReason } from '../core/error-codes';
import { ServiceUnavailableError } from '../core/errors';
import type { RequestGuard } from './http-server';
import type { RequestObserver } from './request-observer';

export interface GracefulDrain {
  readonly draining: boolean;
  /** Requests accepted and not yet answered. */
  readonly inFlight: number;
  /** Counts requests from arrival to the end of their response (outermost but for telemetry). */
  observer: RequestObserver;
  /**
   * A guard before any token check or body (after CORS, so a browser can read its answer): while draining, every
   * new request but the probes is refused with 503 `SHEDDING` and `Connection: close`, in its route's shape (GraphQL
   * body on `/graphql`, the legacy envelope elsewhere).
   */
  guard: RequestGuard;
  /**
   * Stops taking requests: `/readyz` answers 503 (so load balancers move away), any other new request is refused,
   * `/healthz` keeps answering 200. Resolves true once every accepted request has been answered, false when
   * `graceMs` ran out first.
   */
  drain(graceMs: number): Promise<boolean>;
}

/** The probes answer for themselves while draining: liveness stays 200, readiness turns 503. */
const PROBES = new Set(['/healthz', '/readyz']);

/** Counts requests in flight and, once draining, refuses new ones (graceful shutdown, design.md §4.12). */
export function createGracefulDrain(): GracefulDrain {
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  const idleWaiters: Array<() => void> = [];

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight.size;
    },
    observer: {
      began(_req, res) {
        // Requests that arrive while draining are refused at once (probes answer at once): counting them would
        // let a steady stream of refusals keep the drain from ever seeing zero.
        if (draining) return;
        inFlight.add(res);
        res.on('close', () => {
          if (inFlight.delete(res) && draining && inFlight.size === 0) {
            for (const wake of idleWaiters.splice(0)) wake();
          }
        });
      },
    },
    guard({ res, route }) {
      if (!draining || (route !== undefined && PROBES.has(route))) return false;
      res.setHeader('connection', 'close');
      return new ServiceUnavailableError(UnavailableReason.SHEDDING, 'the gateway is shutting down', {
        retryAfterSeconds: 1,
      });
    },
    drain(graceMs) {
      draining = true;
      // Answers still to come close their connection, so no client sends its next request on a socket the
      // server is about to close (a reset instead of a clear 503).
      for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
      if (inFlight.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), graceMs);
        idleWaiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
