import { z } from 'zod';
import { defineSettings } from './define-settings';
import { usesNodeEnv } from './runtime-settings';

/** The access tokens shared with the legacy gateway. */
export const tokenSettings = defineSettings({
  env: {
    /** HS512 secret shared with the legacy gateway; required when NODE_ENV=production. @default a development secret */
    JWT_SECRET_KEY: z.string().min(1).optional(),
  },
  uses: usesNodeEnv,
  rules: [
    {
      reads: ['NODE_ENV', 'JWT_SECRET_KEY'],
      check: (e) =>
        e.NODE_ENV === 'production' && !e.JWT_SECRET_KEY
          ? { setting: 'JWT_SECRET_KEY', reason: 'required when NODE_ENV=production' }
          : undefined,
    },
  ],
  read: (e) => ({
    /** `undefined` secret means "use the development secret" (refused in production). */
    jwtSecret: e.JWT_SECRET_KEY,
  }),
});
