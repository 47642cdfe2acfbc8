import { BadUserInputError } from '../../core/errors';
import type { LiveStreams } from '../../live/live-hub';
import type { GraphQLContext } from '../../src/context';

/** The live updates of the socket a subscription came on; over HTTP a subscription is the client's mistake. */
export function liveStreamsOf(context: GraphQLContext): LiveStreams {
  if (!context.live) {
    throw new BadUserInputError(
      'Subscriptions run over WebSocket: the graphql-transport-ws protocol on /graphql (docs/subscriptions.md).',
    );
  }
  return context.live;
}
