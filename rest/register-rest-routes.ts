import type { AccessTokens, Caller } from '../core/access-tokens';
import type { WritePort } from '../cache/write-port';
import type { CallDeps } from '../grpc-clients/call';
import { createRawServiceClients, type ServiceClients } from '../grpc-clients/service-clients';
import type { UpstreamJournal } from '../grpc-clients/upstream-observer';
import type { HttpServer } from '../http/http-server';
import { envelopeResponder } from '../http/responders';
import { RestRejection, sendEnvelope } from './envelope';
import { bindRequest, type BindLimits } from './request-binding';
import { compileValidator } from './request-validation';
import type { RestGuard } from './rest-guards';
import type { RestContext, RestRoute } from './rest-route';
import type { BoundRequest } from './field-specs';
import type { RestResponseCache } from './rest-response-cache';

/**
 * What the request's telemetry keeps of it that a route adds to (`RouteRequest.notes`): the verified caller (the
 * log line and span name it) and the upstream calls it makes (the log line lists them).
 */
export type RestNotes = UpstreamJournal & { caller?: { uuid: string; role: string } };

export interface RestDeps {
  deps: CallDeps;
  tokens: AccessTokens;
  limits: BindLimits;
  requestTimeoutMs: number;
  /**
   * Where every successful write is reported, as the GraphQL mutation doing the same job (the route's `writes`):
   * the port drops the cached reads it made stale and publishes its live update event.
   */
  writes?: WritePort;
  /** The GET routes' reads through the same response cache (`rest-response-cache.ts`); absent when there is none. */
  cache?: RestResponseCache;
  /**
   * Checks after validation and before the handler (and the cache), in order: the GraphQL rules
   * (`rest-authorization.ts`), then the `@rateLimit` budgets (`rest-field-limits.ts`); see `rest-guards.ts`.
   */
  guards?: readonly RestGuard[];
}

/**
 * What a handler gets (`RestContext`). Its clients are bound on first use: a cache hit answers before the handler
 * runs and binds none (binding them was a visible share of a cached read). A class, so the getter lives on the
 * prototype and each request's context is a plain allocation.
 */
class RouteContext implements RestContext {
  private bound: ServiceClients | undefined;

  constructor(
    readonly requestId: string,
    readonly caller: Caller | undefined,
    readonly params: Record<string, string | undefined>,
    readonly body: BoundRequest,
    readonly tokens: AccessTokens,
    readonly authorization: string | undefined,
    readonly withCaller: (uuid: string) => ServiceClients,
  ) {}

  get clients(): ServiceClients {
    return (this.bound ??= this.withCaller(this.caller?.uuid ?? ''));
  }
}

/** The caller of a route that checks its token inside the handler (route 53), once it succeeded. */
function tokenCaller(tokens: AccessTokens, header: string | undefined): Caller | undefined {
  if (header === undefined) return undefined;
  try {
    return tokens.fromAuthorizationHeader(header);
  } catch {
    return undefined;
  }
}

/**
 * Mounts legacy routes in the legacy middleware order (legacy-api.md §2.1): authenticate, bind, validate, then
 * the handler; rejections and upstream failures answer in the envelope.
 */
export function registerRestRoutes(http: HttpServer<RestNotes>, routes: readonly RestRoute[], rest: RestDeps): void {
  for (const route of routes) {
    const fields = route.fields ?? {};
    const validate = compileValidator(route.struct ?? `Route${route.id}Request`, fields);
    const source = route.bind ?? (route.fields ? 'content-type' : 'none');
    const cached = rest.cache?.forRoute(route);
    http.route(
      route.method,
      route.path,
      async ({ req, res, requestId, clientIp, params, notes }) => {
        try {
          const caller =
            route.auth === 'jwt' ? rest.tokens.fromAuthorizationHeader(req.headers.authorization) : undefined;
          if (caller && notes) notes.caller = { uuid: caller.uuid, role: caller.role };
          const body = await bindRequest(req, source, fields, rest.limits);
          validate(body);
          const journal = notes;
          // One legacy span context for every call of the request (the handler's, `withCaller`'s, the guards'), on
          // the trace id its log line shows: made by the first clients that call.
          const trace = { traceId: journal?.traceId, spanContext: undefined };
          const deadlineAt = Date.now() + rest.requestTimeoutMs;
          const base = { clientIp, requestId, trace, deadlineAt, journal };
          const withCaller = (callerUuid: string) => createRawServiceClients(rest.deps, { ...base, callerUuid });
          const context = new RouteContext(
            requestId,
            caller,
            params,
            body,
            rest.tokens,
            req.headers.authorization,
            withCaller,
          );
          const call = { ...base, callerUuid: caller?.uuid ?? '' };
          // A refusal is the answer (never cached: only 200s are), so no guarded call is made.
          const run = async () => {
            for (const guard of rest.guards ?? []) {
              const refusal = await guard({ route, context, ip: clientIp, call });
              if (refusal) return refusal;
            }
            return route.handle(context);
          };
          // A fresh hit is answered before the guards, as the GraphQL fast path answers before the rules: the entry
          // is this caller's (PRIVATE) or this role's (PUBLIC) and was stored from an authorized 200, so a hit
          // costs no ownership look-up; an outage in a guard's look-up serves the stale entry as the handler's does.
          const envelope = cached ? await cached.serve(context, req, res, run) : await run();
          // Answered from the cache (a hit, or stale while the service is down): nothing ran, nothing changed.
          if (!envelope) return;
          const write = envelope.status < 300 ? route.writes?.(context, envelope) : undefined;
          // A write answers only after what it made stale is gone, so the next read from any replica is fresh,
          // and after its live update event left.
          if (write && rest.writes) {
            await rest.writes.written({
              field: write.field,
              args: write.args ?? {},
              caller: caller ?? tokenCaller(rest.tokens, req.headers.authorization),
              result: write.result,
              succeeded: true,
              requestId,
            });
          }
          sendEnvelope(res, envelope);
        } catch (error) {
          if (error instanceof RestRejection) return sendEnvelope(res, error.toEnvelope());
          // 401s, limits (429 with Retry-After), 503 −301/−302, 408 and masked 500s: the legacy envelope.
          throw error;
        }
      },
      envelopeResponder,
    );
  }
}
