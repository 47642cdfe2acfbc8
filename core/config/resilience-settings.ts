import { z } from 'zod';
import { defineSettings } from './define-settings';

/** Every request's time budget and the per-instance breakers. */
export const resilienceSettings = defineSettings({
  env: {
    /** Overall time budget of one request: no upstream call starts or runs past it, in ms. @default 10000 */
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
    /** Transport errors that open an instance's breaker (legacy 5). @default 5 */
    BREAKER_ERROR_THRESHOLD: z.coerce.number().int().min(1).default(5),
    /** Successes after half-open that close it (legacy 5). @default 5 */
    BREAKER_SUCCESS_THRESHOLD: z.coerce.number().int().min(1).default(5),
    /** How long a breaker stays open, in ms (legacy 1 minute). @default 60000 */
    BREAKER_OPEN_MS: z.coerce.number().int().min(10).default(60_000),
  },
  read: (e) => ({
    /** Every request's overall budget, in ms. */
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    breaker: {
      errorThreshold: e.BREAKER_ERROR_THRESHOLD,
      successThreshold: e.BREAKER_SUCCESS_THRESHOLD,
      openMs: e.BREAKER_OPEN_MS,
    },
  }),
});
