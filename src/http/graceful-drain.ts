import type { ServerResponse } from 'node:http';
import { ErrorCode, UnavailableReason } from '../../core/error-codes';
import type { RequestObserver } from './request-observer';
import { sendJson } from './send-json';

export interface GracefulDrain extends RequestObserver {
  readonly draining: boolean;
  /** Requests accepted and not yet answered. */
  readonly inFlight: number;
  /**
   * Stops taking requests: `/readyz` answers 503 (so load balancers move away), any other new request is refused
   * with 503 and `Connection: close`, `/healthz` keeps answering 200. Resolves true once every accepted request
   * has been answered, false when `graceMs` ran out first.
   */
  drain(graceMs: number): Promise<boolean>;
}

/** The refusal a new request gets while the gateway drains (the `SHEDDING` reason of the vocabulary). */
function refuse(res: ServerResponse, path: string): void {
  res.setHeader('connection', 'close');
  if (path === '/healthz') return sendJson(res, 200, { status: 'ok', draining: true });
  if (path === '/readyz') return sendJson(res, 503, { ready: false, draining: true });
  res.setHeader('retry-after', '1');
  sendJson(res, 503, {
    errors: [
      {
        message: 'the gateway is shutting down',
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, reason: UnavailableReason.SHEDDING },
      },
    ],
  });
}

/** Counts requests in flight and, once draining, refuses new ones (graceful shutdown, design.md §4.12). */
export function createGracefulDrain(): GracefulDrain {
  let draining = false;
  let inFlight = 0;
  const idleWaiters: Array<() => void> = [];

  const finished = () => {
    inFlight -= 1;
    if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    around(req, res, _requestId, handle) {
      if (draining) {
        const url = req.url ?? '/';
        const query = url.indexOf('?');
        refuse(res, query >= 0 ? url.slice(0, query) : url);
        return;
      }
      inFlight += 1;
      // 'close' fires once per response, whether it finished or the client went away.
      res.once('close', finished);
      handle();
    },
    drain(graceMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve(true);
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
