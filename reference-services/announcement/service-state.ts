import type { PeerLookups } from './peer-lookups';
import type { AnnouncementStore } from './store';

/** What every RPC works with: the store, the auth/club lookups and "now" (unix ms, from the injected clock). */
export interface AnnouncementServiceState {
  store: AnnouncementStore;
  lookups: PeerLookups;
  now(): number;
}
