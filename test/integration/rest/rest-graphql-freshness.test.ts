import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN } from './route-case';

const NOW = Date.parse('2026-11-25T01:00:00Z') / 1000;

/** The two front doors share one cache: a write through either is seen at once through the other. */
describe('REST and GraphQL see each other’s writes', () => {
  let gateway: GatewayHarness;
  let base: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    base = gateway.url.replace('/graphql', '');
  });
  afterAll(() => gateway.close());

  const rest = async (method: string, path: string, token: string, json?: unknown) =>
    JSON.parse(
      (
        await httpRequest(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
          ...(json ? { body: JSON.stringify(json) } : {}),
        })
      ).text,
    ) as Record<string, unknown>;
  const myOutings = async () =>
    (
      await gateway.graphql<{ myOutings: Array<{ id: string; status: string }> }>(
        'query MyOutings { myOutings(limit: 20) { id status } }',
        {},
        { token: TOKEN.student2 },
      )
    ).body.data?.myOutings ?? [];

  it('a REST write drops the cached GraphQL read it made stale', async () => {
    const before = await myOutings();
    expect(
      (
        await gateway.graphql('query MyOutings { myOutings(limit: 20) { id status } }', {}, { token: TOKEN.student2 })
      ).headers.get('x-cache'),
    ).toBe('HIT');
    const created = await rest('POST', '/v1/outings', TOKEN.student2, {
      start_time: NOW + 3600,
      end_time: NOW + 7200,
      place: '서점',
      reason: '교재',
      situation: 'normal',
    });
    expect(created.status).toBe(201);
    const after = await myOutings();
    expect(after.map((o) => o.id)).toContain(created.outing_uuid);
    expect(after).toHaveLength(before.length + 1);
  });

  it('a GraphQL write is seen by the next REST read', async () => {
    const outing = 'outing-000000000002';
    expect(await rest('GET', '/v1/outings/with-filter?status=1', TOKEN.teacher1)).toMatchObject({
      outings: expect.arrayContaining([expect.objectContaining({ outing_uuid: outing })]),
    });
    const approved = await gateway.graphql(
      `mutation { approveOuting(id: "${outing}") { id status } }`,
      {},
      { token: TOKEN.teacher1 },
    );
    expect(approved.body.errors).toBeUndefined();
    const after = await rest('GET', '/v1/outings/with-filter?status=1', TOKEN.teacher1);
    expect(JSON.stringify(after.outings)).not.toContain(outing);
  });
});
