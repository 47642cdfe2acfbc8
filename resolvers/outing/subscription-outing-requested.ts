import type { OutingEvent } from '../../live/live-events';
import { liveStreamsOf } from '../base/live-streams';
import type { SubscriptionResolvers } from '../generated/resolvers-types';
import { outingOfSnapshot } from './outing-model';

/** Which events reach whom is the hub's decision (live/event-audience.ts); each arrives as an `Outing`. */
export const outingRequested: SubscriptionResolvers['outingRequested'] = {
  subscribe: (_parent, _args, context) => liveStreamsOf(context).stream('outingRequested', {}),
  resolve: (event: OutingEvent) => outingOfSnapshot(event.outing),
};
