import type { ParentLinkStatus } from '../generated/resolvers-types';

/** The legacy `parent_status` strings; "" (already reported once, legacy-api.md §4.4) becomes null. */
const BY_LEGACY: Readonly<Record<string, ParentLinkStatus>> = {
  CONNECTED: 'CONNECTED',
  UN_CONNECTED: 'NOT_CONNECTED',
};

export function parentLinkStatusOf(legacy: string): ParentLinkStatus | null {
  return BY_LEGACY[legacy] ?? null;
}
