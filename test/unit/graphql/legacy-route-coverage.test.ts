import { isObjectType, type GraphQLSchema } from 'graphql';
import { QUERY_POLICY } from '../../../cache/cache-policy';
import { OUTING_ACTIONS } from '../../../rest/handlers/outing-routes';
import type { RestContext, RestRoute } from '../../../rest/rest-route';
import { REST_ROUTES } from '../../../rest/routes';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';

/**
 * Every legacy business route (legacy-api.md §1, routes 3–69; the Naver proxy, route 70, is not part of the
 * GraphQL API) declares in its record the GraphQL field that does its job, how it is cached and what it writes.
 * These checks read the records.
 */

/** Root fields with no legacy route behind them. */
const GRAPHQL_ONLY = new Set(['Query.me']);

const LEGACY_ROUTES = REST_ROUTES.filter((route) => route.id >= 3 && route.id <= 69);

function fieldOf(schema: GraphQLSchema, coordinate: string) {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

/** The requests a route takes, with every path parameter set: one per action on route 53. */
function requestsOf(route: RestRoute): Array<{ legacy: string; context: RestContext }> {
  const names = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => name ?? '');
  const actions = names.includes('action') ? Object.keys(OUTING_ACTIONS) : [''];
  return actions.map((action) => {
    const params = Object.fromEntries(names.map((name) => [name, name === 'action' ? action : `${name}-value`]));
    const context = { params, body: { type: 'club', club_uuid: 'club-1' } } as unknown as RestContext;
    return { legacy: `${route.method} ${route.path.replace(':action', action)}`, context };
  });
}

const CASES = LEGACY_ROUTES.flatMap((route) =>
  requestsOf(route).map(({ legacy, context }) => ({
    route: route.id,
    legacy,
    coordinate: route.graphql?.field(context)?.coordinate ?? '(none)',
    variant: route.graphql?.variant,
    context,
    record: route,
  })),
);

describe('legacy routes 3–69 in the GraphQL API (each route record)', () => {
  const schema = createExecutableSchema();

  it('has a record for every route from 3 to 69, each naming its GraphQL field', () => {
    expect(new Set(LEGACY_ROUTES.map((route) => route.id))).toEqual(
      new Set(Array.from({ length: 67 }, (_, i) => i + 3)),
    );
    expect(LEGACY_ROUTES.filter((route) => !route.graphql).map((route) => route.id)).toEqual([]);
  });

  it.each(CASES)('route $route ($legacy) maps to $coordinate, a described field', ({ coordinate, variant }) => {
    const field = fieldOf(schema, coordinate);
    expect(field).toBeDefined();
    expect(field?.description).toBeTruthy();
    if (variant) expect(field?.args.map((a) => a.name)).toContain(variant);
  });

  it('has no root field that serves no legacy route, except the GraphQL-only ones', () => {
    const mapped = new Set(CASES.map(({ coordinate }) => coordinate));
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}).map((name) => `${type?.name}.${name}`),
    );
    expect(roots.filter((c) => !mapped.has(c) && !GRAPHQL_ONLY.has(c))).toEqual([]);
  });

  it('caches only signed-in GET routes, each as a Query field with a cache policy', () => {
    for (const route of REST_ROUTES.filter((r) => r.cache)) {
      const field = route.cache?.field ?? '';
      expect({
        route: route.id,
        method: route.method,
        auth: route.auth,
        field: Boolean(fieldOf(schema, `Query.${field}`)),
      }).toEqual({ route: route.id, method: 'GET', auth: 'jwt', field: true });
      expect(QUERY_POLICY[field]).toBeDefined();
    }
  });

  it('reports each write as a field of the schema', () => {
    const writes = CASES.flatMap(({ record, context }) => {
      const write = record.writes?.(context, { status: 200, code: 0, message: '' });
      return write ? [{ route: record.id, field: write.field }] : [];
    });
    expect(writes.length).toBeGreaterThan(20);
    for (const { route, field } of writes) {
      const coordinate = field.includes('.') ? field : `Mutation.${field}`;
      expect({ route, exists: Boolean(fieldOf(schema, coordinate)) }).toEqual({ route, exists: true });
    }
  });

  it('describes every field and argument of the schema', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
