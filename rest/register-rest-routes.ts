import type { AccessTokens } from '../core/access-tokens';
import { invalidationsOf } from '../cache/invalidation-rules';
import type { CallDeps } from '../grpc-clients/call';
import { createRawServiceClients } from '../grpc-clients/service-clients';
import { newSpanContext } from '../grpc-clients/upstream-metadata';
import type { HttpServer } from '../src/http/http-server';
import { RestRejection, restErrorResponder, sendEnvelope } from './envelope';
import { bindRequest, type BindLimits } from './request-binding';
import { compileValidator } from './request-validation';
import type { RestRoute } from './rest-route';
import { graphqlWriteOf } from './write-invalidations';

export interface RestDeps {
  deps: CallDeps;
  tokens: AccessTokens;
  limits: BindLimits;
  requestTimeoutMs: number;
  /** Drops the cached reads a write made stale (the GraphQL response cache); absent when there is no cache. */
  invalidate?(tags: readonly string[] | 'all'): Promise<void>;
}

/**
 * Mounts legacy routes in the legacy middleware order (legacy-api.md §2.1): authenticate, bind, validate, then
 * the handler; rejections and upstream failures answer in the envelope.
 */
export function registerRestRoutes(http: HttpServer, routes: readonly RestRoute[], rest: RestDeps): void {
  for (const route of routes) {
    const fields = route.fields ?? {};
    const validate = compileValidator(route.struct ?? `Route${route.id}Request`, fields);
    const source = route.bind ?? (route.fields ? 'content-type' : 'none');
    http.route(
      route.method,
      route.path,
      async ({ req, res, requestId, params }) => {
        try {
          const caller =
            route.auth === 'jwt' ? rest.tokens.fromAuthorizationHeader(req.headers.authorization) : undefined;
          const body = await bindRequest(req, source, fields, rest.limits);
          validate(body);
          const spanContext = newSpanContext();
          const deadlineAt = Date.now() + rest.requestTimeoutMs;
          const withCaller = (callerUuid: string) =>
            createRawServiceClients(rest.deps, { callerUuid, requestId, spanContext, deadlineAt });
          const context = {
            requestId,
            caller,
            params,
            body,
            clients: withCaller(caller?.uuid ?? ''),
            tokens: rest.tokens,
            authorization: req.headers.authorization,
            withCaller,
          };
          const envelope = await route.handle(context);
          const write = envelope.status < 300 ? graphqlWriteOf(route.id, context) : undefined;
          // A write answers only after what it made stale is gone, so the next read from any replica is fresh.
          if (write && rest.invalidate) {
            await rest.invalidate(invalidationsOf(write.field, write.args ?? {}, caller && { uuid: caller.uuid }));
          }
          sendEnvelope(res, envelope);
        } catch (error) {
          if (error instanceof RestRejection) return sendEnvelope(res, error.toEnvelope());
          throw error;
        }
      },
      restErrorResponder,
    );
  }
}
