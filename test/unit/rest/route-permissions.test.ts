import { isObjectType, type GraphQLSchema } from 'graphql';
import { ruleOf } from '../../../permissions/rule-tree';
import type { Envelope } from '../../../rest/envelope';
import type { RestContext } from '../../../rest/rest-route';
import type { RouteGraphQL } from '../../../rest/route-graphql';
import { REST_ROUTES } from '../../../rest/routes';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';

/** Each route's GraphQL counterpart and the write it reports, as its record declares them. */
const ROUTE_PERMISSIONS: Record<number, RouteGraphQL> = Object.fromEntries(
  REST_ROUTES.flatMap((route) => (route.graphql ? [[route.id, route.graphql]] : [])),
);
const graphqlWriteOf = (routeId: number, context: RestContext, envelope: Envelope) =>
  REST_ROUTES.find((route) => route.id === routeId)?.writes?.(context, envelope);

function fieldOf(schema: GraphQLSchema, coordinate: string) {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/** A request with every path parameter set, as the router would hand it over. */
function contextFor(path: string, body: Record<string, unknown> = {}): RestContext {
  const params = Object.fromEntries(
    [...path.matchAll(/:(\w+)/g)].map(([, name]) => [name, name === 'action' ? 'start' : `${name}-value`]),
  );
  return { params, body } as unknown as RestContext;
}

describe("each REST route's GraphQL field (its record's `graphql`)", () => {
  const schema = createExecutableSchema();

  it('names a GraphQL field for every legacy route 3–69', () => {
    const routeIds = REST_ROUTES.map((r) => r.id).filter((id) => id >= 3 && id <= 69);
    expect(new Set(routeIds).size).toBe(67);
    expect(routeIds.filter((id) => !ROUTE_PERMISSIONS[id])).toEqual([]);
  });

  it.each(REST_ROUTES.filter((r) => ROUTE_PERMISSIONS[r.id]).map((r) => ({ id: r.id, path: r.path, route: r })))(
    'route $id ($path): the field exists, has its own rule, and its arguments exist',
    ({ id, route }) => {
      const field = ROUTE_PERMISSIONS[id]?.field(contextFor(route.path, { type: 'club', club_uuid: 'club-1' }));
      expect(field).toBeDefined();
      const definition = fieldOf(schema, field?.coordinate ?? '');
      expect(definition).toBeDefined();
      const [typeName = '', fieldName = ''] = (field?.coordinate ?? '').split('.');
      expect(ruleOf(typeName, fieldName)).toBeDefined();
      const argNames = definition?.args.map((a) => a.name) ?? [];
      for (const name of Object.keys(field?.args ?? {})) expect(argNames).toContain(name);
    },
  );

  it('uses the same GraphQL mutation as the write invalidation of every REST write', () => {
    for (const route of REST_ROUTES) {
      const context = contextFor(route.path, { type: 'club', club_uuid: 'club-1' });
      const write = graphqlWriteOf(route.id, context, { status: 200, code: 0, message: '' });
      if (!write) continue;
      const coordinate = ROUTE_PERMISSIONS[route.id]?.field(context)?.coordinate;
      expect({ route: route.id, coordinate }).toEqual({
        route: route.id,
        coordinate: write.field.includes('.') ? write.field : `Mutation.${write.field}`,
      });
    }
  });

  it('skips a GraphQL rule only where the legacy route allowed more, and says why', () => {
    const skipped = Object.entries(ROUTE_PERMISSIONS).filter(([, p]) => p.skipRule);
    expect(skipped.map(([id]) => Number(id))).toEqual([67]);
    for (const [, permission] of skipped) expect(permission.skipRule?.length).toBeGreaterThan(40);
  });

  it('route 53: the action decides the field and whether a token is needed; an unknown action names none', () => {
    const permission = ROUTE_PERMISSIONS[53];
    const at = (action: string) =>
      ({
        params: { outing_uuid: 'outing-000000000001', action },
        body: { code: 'confirm-1' },
      }) as unknown as RestContext;
    expect(permission?.field(at('teacher-approve'))).toEqual({
      coordinate: 'Mutation.approveOuting',
      args: { id: 'outing-000000000001' },
    });
    expect(permission?.field(at('parent-reject'))).toEqual({
      coordinate: 'Mutation.rejectOutingByConfirmCode',
      args: { code: 'confirm-1' },
    });
    expect(permission?.needsToken?.(at('start'))).toBe(true);
    expect(permission?.needsToken?.(at('parent-approve'))).toBe(false);
    expect(permission?.field(at('constructor'))).toBeUndefined();
    expect(permission?.needsToken?.(at('constructor'))).toBe(false);
  });
});
