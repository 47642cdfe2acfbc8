import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HeaderMap } from '@apollo/server';
import { installGatewayRequestContext } from '../../../src/graphql/gateway-request-context';

type Made = Record<string, unknown> & {
  request: Record<string, unknown> & { http: Record<string, unknown> & { headers: Iterable<[string, string]> } };
  response: { http: { status?: number; headers: Iterable<[string, string]> } };
};
type Make = (context: unknown, server: unknown, internals: unknown) => Made;
const apolloModule = createRequire(__filename)(
  join(dirname(require.resolve('@apollo/server')), 'utils', 'makeGatewayGraphQLRequestContext.js'),
) as { makeGatewayGraphQLRequestContext: Make };
// Apollo's own, taken before the install replaces it.
const apollosOwn = apolloModule.makeGatewayGraphQLRequestContext;

function requestContext() {
  return {
    request: {
      query: '{ __typename }',
      operationName: 'Op',
      variables: { a: 1 },
      extensions: {},
      http: { method: 'POST', search: 'x=1', headers: new HeaderMap([['accept', 'application/json']]) },
    },
    response: { http: { headers: new HeaderMap([['x-one', '1']]), status: undefined as number | undefined } },
    schema: { schema: true },
    contextValue: { caller: 'someone' },
    queryHash: 'hash',
    document: { kind: 'Document' },
    source: '{ __typename }',
    operationName: 'Op',
    operation: { operation: 'query' },
    errors: undefined,
    metrics: {},
    overallCachePolicy: { policy: true },
    requestIsBatched: false,
  };
}
const server = { logger: { name: 'logger' }, cache: { name: 'cache' } };

describe("Apollo's gateway request context, made without a hidden class per request", () => {
  it('replaces the function Apollo calls for every request of a gateway executor', () => {
    expect(installGatewayRequestContext()).toBe(true);
    expect(apolloModule.makeGatewayGraphQLRequestContext).not.toBe(apollosOwn);
  });

  it("makes the context Apollo's makes, field for field, headers and status included", () => {
    installGatewayRequestContext();
    const [ours, theirs] = [apolloModule.makeGatewayGraphQLRequestContext, apollosOwn].map((make) =>
      make(requestContext(), server, { includeStacktraceInErrorResponses: false }),
    ) as [Made, Made];
    const plain = ({ request, response, ...rest }: Made) => ({
      rest,
      request: { ...request, http: { ...request.http, headers: [...request.http.headers] } },
      response: { status: response.http.status, headers: [...response.http.headers] },
    });
    expect(plain(ours)).toEqual(plain(theirs));
    expect(Object.keys(ours)).toEqual(Object.keys(theirs));
  });

  it('keeps the status accessors on a prototype (a per-request accessor literal kept whole requests alive), writing through', () => {
    installGatewayRequestContext();
    const context = requestContext();
    const made = apolloModule.makeGatewayGraphQLRequestContext(context, server, {}) as unknown as {
      response: { http: { status?: number; headers: { set(name: string, value: string): void } } };
    };
    expect(Object.getOwnPropertyDescriptor(made.response.http, 'status')).toBeUndefined();
    made.response.http.status = 418;
    expect(context.response.http.status).toBe(418);
    context.response.http.status = 201;
    expect(made.response.http.status).toBe(201);
    made.response.http.headers.set('x-two', '2');
    expect(context.response.http.headers.get('x-two')).toBe('2');
  });
});
