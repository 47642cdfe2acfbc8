import { GraphQLError } from 'graphql';
import { BadUserInputError } from '../../core/errors';
import type { RequestHooks } from './request-hooks';

/**
 * A subscription sent as an HTTP request is refused with 400 and where to send it instead, before execution:
 * over HTTP its fields would run without an event (the gateway serves subscriptions over WebSocket only).
 */
export const subscriptionsOverWebSocketOnly: RequestHooks = {
  didResolveOperation({ operation }) {
    if (operation?.operation !== 'subscription') return;
    const error = new BadUserInputError(
      'Subscriptions run over WebSocket: the graphql-transport-ws protocol on /graphql (docs/subscriptions.md).',
    );
    throw new GraphQLError(error.message, {
      originalError: error,
      extensions: { ...error.toExtensions(), http: { status: error.httpStatus } },
    });
  },
};
