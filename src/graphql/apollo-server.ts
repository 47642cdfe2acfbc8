import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { envelop } from '@envelop/core';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../../core/logger';
import type { ErrorExposure } from '../../core/public-errors';
import type { GraphQLContext } from '../context';
import { createEnvelopGateway } from './envelop-gateway';
import { createExecutableSchema } from './executable-schema';
import { createFormatError } from './format-error';
import { gatewayPlugins, type GatewayPluginDeps } from './plugins';
import { apolloLimitOptions, type RequestLimits } from './request-limits';
import { sandboxLandingPage } from './sandbox-landing-page';
import { subscriptionsOverWebSocketOnly } from './subscriptions-over-http';

export interface ApolloOptions {
  logger: Logger;
  /** The executable schema (shared with the subscription server); a new one by default. */
  schema?: GraphQLSchema;
  /** Serve the Apollo Sandbox landing page at GET /graphql (its offline message links to GET /graphiql). */
  sandbox: boolean;
  /** Subscriptions are served over WebSocket on /graphql: Sandbox is told so. */
  subscriptions?: boolean;
  /** What error answers may show (upstream facts only outside production). */
  exposure: ErrorExposure;
  /** Depth, cost, alias, directive, token and batch limits, introspection, APQ and the safelist. */
  limits: RequestLimits;
  /** Stores and counters the envelop plugins use. */
  pluginDeps?: GatewayPluginDeps;
  /** Apollo plugins of other features (telemetry), after the landing page. */
  extraPlugins?: Array<ApolloServerPlugin<GraphQLContext>>;
}

/** Apollo Server 5 in front of envelop execution; started and ready to take requests. */
export async function startApolloServer(options: ApolloOptions): Promise<ApolloServer<GraphQLContext>> {
  const schema = options.schema ?? createExecutableSchema();
  const limits = apolloLimitOptions(options.limits);
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: createEnvelopGateway(schema, envelop({ plugins: gatewayPlugins(schema, options.pluginDeps) })),
    formatError: createFormatError(options.logger, options.exposure),
    includeStacktraceInErrorResponses: false,
    // Variable-coercion errors answer 400 BAD_USER_INPUT: Apollo 5's default. Not set here because Apollo 5 warns
    // on every start when `status400ForVariableCoercionErrors` is set at all, even to its default.
    introspection: limits.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: limits.allowBatchedHttpRequests,
    persistedQueries: limits.persistedQueries,
    // Uploads are multipart (a "simple" request): browsers must send a preflight-forcing header.
    csrfPrevention: true,
    logger: apolloLogger(options.logger),
    // Signals have one owner, `main.ts`: Apollo's own handler (installed unless NODE_ENV=test) stopped the server
    // and re-raised the signal, so a SIGTERM exited at once instead of draining.
    stopOnTerminationSignals: false,
    plugins: [
      options.sandbox
        ? sandboxLandingPage('/graphiql', options.subscriptions ?? false)
        : ApolloServerPluginLandingPageDisabled(),
      ...limits.plugins,
      subscriptionsOverWebSocketOnly(),
      ...(options.extraPlugins ?? []),
    ],
  });
  await apollo.start();
  return apollo;
}

function apolloLogger(logger: Logger) {
  const child = logger.child({ component: 'apollo' });
  return {
    debug: (message: string) => child.debug(message),
    info: (message: string) => child.info(message),
    warn: (message: string) => child.warn(message),
    error: (message: string) => child.error(message),
  };
}
