import { useEngine, useSchema, type Plugin } from '@envelop/core';
import { execute, parse, specifiedRules, subscribe, validate, type GraphQLSchema } from 'graphql';

/**
 * The ordered envelop plugin list: each entry says why it sits where it does. Later issues add rate limits
 * (before execution), telemetry (around everything) and the response cache (last: it replaces execute).
 */
// envelop types each plugin by its own context; the list mixes them, as envelop itself does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function gatewayPlugins(schema: GraphQLSchema): Array<Plugin<any>> {
  return [
    // The engine first: every later plugin wraps graphql-js' own functions.
    useEngine({ parse, validate, specifiedRules, execute, subscribe }),
    // The one schema over the five services.
    useSchema(schema),
  ];
}
