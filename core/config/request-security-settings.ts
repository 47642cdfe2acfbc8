import { z } from 'zod';
import { bothOrNeither, defineSettings } from './define-settings';

/** The legacy `Request-Security` header filter (rest/request-security.ts). */
export const requestSecuritySettings = defineSettings({
  env: {
    /**
     * Passphrase of the legacy `Request-Security` header (aes-everywhere AES-256); set (with
     * REQUEST_SECURITY_BASE_PLAIN) to require the header on the legacy routes. @default unset (off)
     */
    REQUEST_SECURITY_PASSPHRASE: z.string().min(1).optional(),
    /** The base text a `Request-Security` plaintext starts with (`<base>:<unix seconds>`; legacy SECURITY_BASE_PLAIN). @default unset */
    REQUEST_SECURITY_BASE_PLAIN: z.string().min(1).optional(),
    /** How far a `Request-Security` time may be from now, in seconds; used values are forgotten after it. @default 300 */
    REQUEST_SECURITY_MAX_AGE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
    /** Used `Request-Security` values the in-memory store (no Redis configured) keeps at most. @default 100000 */
    REQUEST_SECURITY_MEMORY_MAX_ENTRIES: z.coerce.number().int().min(1).default(100_000),
  },
  rules: [bothOrNeither('REQUEST_SECURITY_PASSPHRASE', 'REQUEST_SECURITY_BASE_PLAIN')],
  read: (e) => ({
    /** `undefined` = off. */
    requestSecurity:
      e.REQUEST_SECURITY_PASSPHRASE && e.REQUEST_SECURITY_BASE_PLAIN
        ? {
            passphrase: e.REQUEST_SECURITY_PASSPHRASE,
            basePlain: e.REQUEST_SECURITY_BASE_PLAIN,
            maxAgeMs: e.REQUEST_SECURITY_MAX_AGE_SECONDS * 1000,
            memoryMaxEntries: e.REQUEST_SECURITY_MEMORY_MAX_ENTRIES,
          }
        : undefined,
  }),
});
