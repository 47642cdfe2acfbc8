import type { Logger } from '../../core/logger';
import type { PickClient } from '../adapters/pick-client';
import type { SmsSender } from '../adapters/sms-sender';
import type { Clock } from '../shared/clock';
import type { PeerLookups } from './peer-lookups';
import type { OutingStore } from './store';

/** What the outing handlers share. */
export interface OutingDeps {
  store: OutingStore;
  lookups: PeerLookups;
  clock: Clock;
  sms: SmsSender;
  pick: PickClient;
  logger: Logger;
}

/** "Now" in unix seconds, from the injected clock. */
export function nowSeconds(clock: Clock): number {
  return Math.floor(clock.now() / 1000);
}
