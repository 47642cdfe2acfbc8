import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema, isInterfaceType, isObjectType, isUnionType } from 'graphql';

/**
 * docs/graphql-api.md, "Client caches": the Apollo Client set-up it shows names exactly the object types that have
 * no `id` (every other type is normalized by its id) and every type of each interface, so the page follows the
 * schema as types are added.
 */
describe('client cache set-up (docs/graphql-api.md)', () => {
  const root = join(__dirname, '../../..');
  const schema = buildSchema(readFileSync(join(root, 'resolvers/generated/schema.graphql'), 'utf8'));
  const page = readFileSync(join(root, 'docs/graphql-api.md'), 'utf8');
  const snippet = /```js\n([\s\S]*?new InMemoryCache[\s\S]*?)```/.exec(page)?.[1] ?? '';
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  const roots = new Set(['Query', 'Mutation', 'Subscription']);

  it('has the snippet', () => {
    expect(snippet).toContain('typePolicies');
  });

  it('gives a type policy to exactly the object types without an id', () => {
    const withoutId = types
      .filter((t) => isObjectType(t) && !roots.has(t.name) && !('id' in t.getFields()))
      .map((t) => t.name)
      .sort();
    const typePolicies = snippet.slice(snippet.indexOf('typePolicies'));
    const keyless = [...typePolicies.matchAll(/^\s+(\w+): \{ keyFields: false/gm)].map((m) => m[1]).sort();
    expect(keyless).toEqual(withoutId);
  });

  it('lists every type of each interface and union in possibleTypes', () => {
    const abstract = types.filter((t) => isInterfaceType(t) || isUnionType(t));
    for (const type of abstract) {
      const listed = new RegExp(`${type.name}: \\[([^\\]]*)\\]`).exec(snippet)?.[1] ?? '';
      const names = [...listed.matchAll(/'(\w+)'/g)].map((m) => m[1]).sort();
      const actual = schema
        .getPossibleTypes(type as Parameters<typeof schema.getPossibleTypes>[0])
        .map((t) => t.name)
        .sort();
      expect({ [type.name]: names }).toEqual({ [type.name]: actual });
    }
  });

  it('names only types the schema has', () => {
    const named = [...snippet.matchAll(/^\s+([A-Z]\w+): /gm)].map((m) => m[1] as string);
    expect(named.filter((name) => !schema.getType(name))).toEqual([]);
  });
});
