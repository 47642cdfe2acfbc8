import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltGateway, type BuiltGateway } from './built-gateway';

/** `npm start` on a server: the embedded default (no Consul, no UPSTREAM_* addresses) with NODE_ENV=production. */
describe('the embedded default started as production would', () => {
  let gateway: BuiltGateway;
  beforeAll(async () => {
    gateway = await startBuiltGateway();
  }, 90_000);
  afterAll(() => gateway?.stop());

  it('reports its discovery source as embedded on /readyz', async () => {
    const res = await fetch(`${gateway.base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ready: true, discovery: { source: 'embedded', reachable: true } });
  });

  it('starts without a warning (Apollo 5 warned of a deprecated option on every start)', () => {
    const noisy = gateway.process.lines.filter((line) =>
      ['warn', 'error', 'fatal'].includes(String(line['log.level'])),
    );
    expect(noisy.map((line) => line.message)).toEqual([]);
  });

  it('serves neither GraphiQL nor Sandbox: GRAPHQL_SANDBOX is off in production unless set', async () => {
    expect((await fetch(`${gateway.base}/graphiql`)).status).toBe(404);
    const { script } = JSON.parse(readFileSync(join(__dirname, '../../dist/graphiql/manifest.json'), 'utf8')) as {
      script: string;
    };
    expect((await fetch(`${gateway.base}/graphiql/assets/${script}`)).status).toBe(404);
    const landing = await fetch(`${gateway.base}/graphql`, { headers: { accept: 'text/html' } });
    expect(await landing.text()).not.toMatch(/embeddable-sandbox|graphiql/i);
  });
});
