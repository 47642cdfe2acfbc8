import { z } from 'zod';
import { bothOrNeither, defineSettings } from './define-settings';
import { usesNodeEnv } from './runtime-settings';
import { boolean } from './setting-schemas';

/** Legacy route 70, the Naver local search (rest/naver/). */
export const naverSearchSettings = defineSettings({
  env: {
    /** Serve legacy route 70, `GET /naver-open-api/search/local`; off it is an unknown route (404). @default false */
    NAVER_SEARCH_ENABLED: boolean.default(false),
    /** Naver open API client id; with NAVER_CLIENT_SECRET the route calls Naver, without both the in-memory twin answers. @default unset */
    NAVER_CLIENT_ID: z.string().min(1).optional(),
    /** Naver open API client secret. @default unset */
    NAVER_CLIENT_SECRET: z.string().min(1).optional(),
    /** The Naver local search endpoint (an egress proxy or a test fake may stand in). @default "https://openapi.naver.com/v1/search/local.json" */
    NAVER_SEARCH_URL: z.url({ protocol: /^https?$/ }).default('https://openapi.naver.com/v1/search/local.json'),
    /** How long one Naver call may take before the route answers 500, in ms. @default 3000 */
    NAVER_SEARCH_TIMEOUT_MS: z.coerce.number().int().min(100).default(3000),
  },
  uses: usesNodeEnv,
  rules: [
    bothOrNeither('NAVER_CLIENT_ID', 'NAVER_CLIENT_SECRET'),
    {
      // The twin's canned answers must never reach a production user.
      reads: ['NODE_ENV', 'NAVER_SEARCH_ENABLED', 'NAVER_CLIENT_ID'],
      check: (e) =>
        e.NODE_ENV === 'production' && e.NAVER_SEARCH_ENABLED && !e.NAVER_CLIENT_ID
          ? {
              setting: 'NAVER_SEARCH_ENABLED',
              reason: 'needs NAVER_CLIENT_ID and NAVER_CLIENT_SECRET when NODE_ENV=production',
            }
          : undefined,
    },
  ],
  read: (e) => ({
    /** `undefined` = off. `credentials` unset = the in-memory twin answers. */
    naverSearch: e.NAVER_SEARCH_ENABLED
      ? {
          url: e.NAVER_SEARCH_URL,
          timeoutMs: e.NAVER_SEARCH_TIMEOUT_MS,
          credentials:
            e.NAVER_CLIENT_ID && e.NAVER_CLIENT_SECRET
              ? { clientId: e.NAVER_CLIENT_ID, clientSecret: e.NAVER_CLIENT_SECRET }
              : undefined,
        }
      : undefined,
  }),
});
