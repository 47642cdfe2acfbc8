import { z } from 'zod';
import { defineSettings } from './define-settings';

/** What happens after SIGTERM. */
export const shutdownSettings = defineSettings({
  env: {
    /** After SIGTERM, how long in-flight requests may take before their connections are cut, in ms. @default 10000 */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  },
  read: (e) => ({
    /** After SIGTERM, how long in-flight requests may take, in ms. */
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  }),
});
