import { createHash } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import { createRequire } from 'node:module';
import { installOneShotQueryHash, OneShotHash } from '../../../src/graphql/apollo-query-hash';

const hashModule = createRequire(require.resolve('@apollo/server'))('@apollo/utils.createhash') as {
  createHash: (algorithm: string) => { update(data: string): { digest(encoding: 'hex'): string } };
};

describe('the one-shot query hash', () => {
  it('digests one input as a streaming hash does, as text or bytes', () => {
    const query = 'query Q { __typename } # 한국어';
    expect(new OneShotHash('sha256').update(query).digest('hex')).toBe(
      createHash('sha256').update(query).digest('hex'),
    );
    expect(new OneShotHash('sha512').update(Buffer.from(query)).digest()).toEqual(
      createHash('sha512').update(query).digest(),
    );
    expect(new OneShotHash('sha256').digest('base64')).toBe(createHash('sha256').digest('base64'));
  });

  it('digests several inputs, and inputs with an encoding, as a streaming hash does', () => {
    expect(new OneShotHash('sha256').update('a').update('b').update('c').digest('hex')).toBe(
      createHash('sha256').update('abc').digest('hex'),
    );
    expect(new OneShotHash('sha256').update('6869', 'hex').digest('hex')).toBe(
      createHash('sha256').update('hi').digest('hex'),
    );
  });

  it("replaces Apollo's createHash, and Apollo still finds a query by the hash a client computed (APQ)", async () => {
    expect(installOneShotQueryHash()).toBe(true);
    expect(hashModule.createHash('sha256')).toBeInstanceOf(OneShotHash);
    const server = new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      resolvers: { Query: { hello: () => 'hi' } },
    });
    await server.start();
    try {
      const query = '{ hello }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const persistedQuery = { version: 1, sha256Hash };
      const registered = await server.executeOperation({ query, extensions: { persistedQuery } });
      expect(registered.body).toMatchObject({ kind: 'single', singleResult: { data: { hello: 'hi' } } });
      const byHash = await server.executeOperation({ extensions: { persistedQuery } });
      expect(byHash.body).toMatchObject({ kind: 'single', singleResult: { data: { hello: 'hi' } } });
      const wrongHash = await server.executeOperation({
        query,
        extensions: {
          persistedQuery: { version: 1, sha256Hash: sha256Hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) },
        },
      });
      expect(wrongHash.body).toMatchObject({
        kind: 'single',
        singleResult: { errors: [{ message: 'provided sha does not match query' }] },
      });
    } finally {
      await server.stop();
    }
  });
});
