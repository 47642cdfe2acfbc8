import { statusOf } from '../core/in-message-status';
import type { Caller, AccessTokens } from '../core/access-tokens';
import type { ServiceClients } from '../grpc-clients/service-clients';
import type { Envelope } from './envelope';
import type { BoundRequest, FieldSpecs } from './field-specs';
import type { BindSource } from './request-binding';
import type { RestCacheRule } from './route-cache-rule';
import type { GraphQLWrite, RouteGraphQL } from './route-graphql';

/** What a REST handler gets: the bound request, the path parameters, the caller and raw upstream clients. */
export interface RestContext {
  requestId: string;
  /** Set on `auth: 'jwt'` routes (the token was verified before binding, as the legacy Authenticator ran first). */
  caller: Caller | undefined;
  params: Record<string, string | undefined>;
  body: BoundRequest;
  /** Clients that return the service's reply with its status, for pass-through. */
  clients: ServiceClients;
  tokens: AccessTokens;
  /** The raw Authorization header, for routes that authenticate inside the handler (route 53). */
  authorization: string | undefined;
  /** Clients bound to another caller uuid (after a handler authenticated the request itself). */
  withCaller(uuid: string): ServiceClients;
}

/**
 * One legacy route, declared: method, path, authentication, binding, validation, the GraphQL field that does its
 * job, how it reads through the response cache, the write it reports, and the handler.
 */
export interface RestRoute {
  /** The legacy route number (legacy-api.md §1). */
  id: number;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  auth: 'jwt' | 'none';
  /** @default 'content-type' when `fields` are given, else 'none' */
  bind?: BindSource;
  /** The Go request struct's name, for the validator's messages. */
  struct?: string;
  fields?: FieldSpecs;
  /** Judged by this field's authorization rule and counted against its `@rateLimit`s (every route 3–69). */
  graphql?: RouteGraphQL;
  /** GET routes: read through the response cache as this Query field. */
  cache?: RestCacheRule;
  /** Routes that change data: the GraphQL write a successful answer is reported as (undefined: none this time). */
  writes?(context: RestContext, envelope: Envelope): GraphQLWrite | undefined;
  handle(context: RestContext): Promise<Envelope>;
}

/**
 * The legacy gateway's answer to a reply (legacy-api.md §0.1, §0.6): the route's success status gives the route's
 * fields and the gateway's message (or the service's, where the legacy handler passed it on); any other status is
 * passed through as `{status, code, message}` without data fields.
 */
export function answer<T extends object>(
  reply: T,
  success: { status: number; message?: string; fields?: (reply: T) => Record<string, unknown> },
): Envelope {
  const { status, code, message } = statusOf(reply);
  if (status !== success.status) return { status, code, message };
  return { status, code: 0, message: success.message ?? message, ...(success.fields?.(reply) ?? {}) };
}
