import type { AccessTokens, Caller } from '../core/access-tokens';
import type { Logger } from '../core/logger';
import type { Loaders } from '../grpc-clients/loaders';
import type { ServiceClients } from '../grpc-clients/service-clients';
import type { RequestRecord } from './telemetry/request-record';
import type { LiveStreams } from '../live/live-hub';

/** What every resolver and rule sees of one GraphQL request. */
export interface GraphQLContext {
  requestId: string;
  /** The verified token's account; undefined for an anonymous request (login, sign-up, parent codes). */
  caller: Caller | undefined;
  clients: ServiceClients;
  loaders: Loaders;
  tokens: AccessTokens;
  logger: Logger;
  /** The client address, for rate limits and the flood guard. */
  ip: string;
  /** The request's telemetry record (its log line, metrics and trace); absent outside an HTTP request. */
  record?: RequestRecord;
  /** The live updates of the subscription socket the operation came on; absent over HTTP. */
  live?: LiveStreams;
}
