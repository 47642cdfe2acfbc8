import { z } from 'zod';
import { defineSettings } from './define-settings';

/** What kind of deployment this is, and how much it logs. */
export const runtimeSettings = defineSettings({
  env: {
    /** `production` turns on the production guards (JWT secret required, Sandbox off). @default "development" */
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    /** pino level. @default "info" */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  },
  read: (e) => ({ nodeEnv: e.NODE_ENV, logLevel: e.LOG_LEVEL }),
});

/** The one setting most concerns read besides their own. */
export const usesNodeEnv = { NODE_ENV: runtimeSettings.env.NODE_ENV };
