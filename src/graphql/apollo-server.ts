import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { envelop } from '@envelop/core';
import type { Logger } from '../../core/logger';
import type { GraphQLContext } from '../context';
import { createEnvelopGateway } from './envelop-gateway';
import { createExecutableSchema } from './executable-schema';
import { createFormatError } from './format-error';
import { gatewayPlugins } from './plugins';

export interface ApolloOptions {
  logger: Logger;
  /** Serve the Apollo Sandbox landing page at GET /graphql. */
  sandbox: boolean;
}

/** Apollo Server 5 in front of envelop execution; started and ready to take requests. */
export async function startApolloServer(options: ApolloOptions): Promise<ApolloServer<GraphQLContext>> {
  const schema = createExecutableSchema();
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: createEnvelopGateway(schema, envelop({ plugins: gatewayPlugins(schema) })),
    formatError: createFormatError(options.logger),
    includeStacktraceInErrorResponses: false,
    status400ForVariableCoercionErrors: true,
    introspection: true,
    // Uploads are multipart (a "simple" request): browsers must send a preflight-forcing header.
    csrfPrevention: true,
    logger: apolloLogger(options.logger),
    plugins: [
      options.sandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false })
        : ApolloServerPluginLandingPageDisabled(),
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
