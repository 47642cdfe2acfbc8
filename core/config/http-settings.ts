import { z } from 'zod';
import { defineSettings } from './define-settings';
import { list, port } from './setting-schemas';

/** The HTTP server both front doors share. */
export const httpSettings = defineSettings({
  env: {
    /** Gateway HTTP port. @default 4000 */
    PORT: port.default(4000),
    /** Gateway HTTP bind address. @default "0.0.0.0" */
    HOST: z.string().min(1).default('0.0.0.0'),
    /** Origins browsers may call from, comma-separated, or `*` for any (as the legacy gateway allowed). @default "*" */
    CORS_ORIGINS: list.default(['*']),
    /** Largest JSON request body, in bytes. @default 1048576 */
    MAX_REQUEST_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(1024 * 1024),
    /** Largest uploaded file (profile image, club logo, Excel import), in bytes. @default 10485760 */
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    /**
     * The most requests one process holds in flight at once; the next is answered 503 `SHEDDING` with
     * `Retry-After: 1` at once (the probes, `/metrics` and `/ping` excepted). 0: no bound. @default 512
     */
    MAX_IN_FLIGHT_REQUESTS: z.coerce.number().int().min(0).default(512),
  },
  read: (e) => ({
    http: {
      host: e.HOST,
      port: e.PORT,
      maxRequestBytes: e.MAX_REQUEST_BYTES,
      maxUploadBytes: e.MAX_UPLOAD_BYTES,
      maxInFlight: e.MAX_IN_FLIGHT_REQUESTS,
    },
    /** `['*']` = any origin. */
    cors: { origins: e.CORS_ORIGINS },
  }),
});
