import type { Logger } from '../../core/logger';
import type { WindowCounters } from '../../traffic/window-counters';
import type { Envelope } from '../envelope';
import type { RestRoute } from '../rest-route';
import type { NaverLocalSearch } from './naver-local-search';

export interface NaverRouteDeps {
  search: NaverLocalSearch;
  /** The traffic counters (Redis when configured): one call per user per 5 s holds across replicas. */
  counters: WindowCounters;
  logger: Logger;
}

/** The legacy limit: one Naver call per user uuid per 5 seconds. */
const CALL_WINDOW_MS = 5000;

/**
 * Route 70 (legacy-api.md §1.10): Naver's local search for signed-in users, without breaker or Consul. Unlike
 * the legacy handler, which took the caller's 5-second slot before validating, a request refused with 400 does not
 * use it up.
 */
export function naverRoutes(deps: NaverRouteDeps): RestRoute[] {
  return [
    {
      id: 70,
      method: 'GET',
      path: '/naver-open-api/search/local',
      auth: 'jwt',
      bind: 'query',
      struct: 'GetPlaceWithNaverOpenAPIRequest',
      fields: { keyword: ['string', 'required,max=100'] },
      handle: async ({ body, caller, requestId }): Promise<Envelope> => {
        const slot = await deps.counters.hit(`naver:user:${caller?.uuid ?? ''}`, {
          limit: 1,
          windowMs: CALL_WINDOW_MS,
        });
        if (!slot.allowed) {
          return { status: 423, code: 0, message: 'you can use the API only once every 5 seconds, please wait' };
        }
        const outcome = await deps.search.search(String(body.keyword));
        switch (outcome.kind) {
          case 'ok':
            return {
              status: 200,
              code: 0,
              message: 'succeed to get place list from naver open api',
              item: outcome.result.items,
              lastBuildDate: outcome.result.lastBuildDate,
              total: outcome.result.total,
              start: outcome.result.start,
              display: outcome.result.display,
            };
          case 'status':
            deps.logger.warn({ requestId, status: outcome.status }, 'naver open api answered an error');
            return {
              status: outcome.status,
              code: 0,
              message: `unexpected error occurs while decoding response body from naver open api, reason: ${outcome.errorMessage}`,
            };
          case 'failed':
            deps.logger.error({ requestId, err: outcome.error }, `naver open api call failed (${outcome.stage})`);
            return {
              status: 500,
              code: 0,
              message:
                outcome.stage === 'send'
                  ? 'unexpected error occurs while sending request to naver open api'
                  : 'unexpected error occurs while decoding response body from naver open api',
            };
        }
      },
    },
  ];
}
