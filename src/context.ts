import type { AccessTokens, Caller } from '../core/access-tokens';
import type { AnswerSlot } from '../cache/response-cache';
import type { Logger } from '../core/logger';
import { createLoaders, type Loaders } from '../grpc-clients/loaders';
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
  /** Whether the response cache wants to hear this request's answer (set by its fast path on a miss). */
  answerSlot?: AnswerSlot | undefined;
}

/**
 * The context of one HTTP request. Its clients bind service by service on first use and its loaders are built on
 * first use: a response-cache hit answers before any resolver runs and never needs them (building them was the
 * largest cost of a cached read after the lookup itself). A class, so creating one per request is a plain
 * allocation (getters defined on each object made it a slow dictionary object). Apollo runs an operation on a
 * copy (`Object.assign` onto the same prototype): the copy shares the clients, and builds its own loaders.
 */
export class RequestContext implements GraphQLContext {
  readonly requestId: string;
  readonly caller: Caller | undefined;
  readonly tokens: AccessTokens;
  readonly logger: Logger;
  readonly ip: string;
  readonly record: RequestRecord | undefined;
  answerSlot: AnswerSlot | undefined = undefined;
  private madeLoaders: Loaders | undefined;

  constructor(
    fields: Pick<GraphQLContext, 'requestId' | 'caller' | 'tokens' | 'logger' | 'ip'> & {
      record: RequestRecord | undefined;
    },
    /** Bound on first use (`createLazyServiceClients`), and shared with Apollo's copy of the context. */
    readonly clients: ServiceClients,
  ) {
    this.requestId = fields.requestId;
    this.caller = fields.caller;
    this.tokens = fields.tokens;
    this.logger = fields.logger;
    this.ip = fields.ip;
    this.record = fields.record;
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.clients));
  }
}
