import { createLogger } from '../../../core/logger';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN } from '../rest/route-case';

/** A REST request's log line names its caller, as a GraphQL request's does. */
describe('REST request log lines', () => {
  const lines: Array<Record<string, unknown>> = [];
  let gateway: GatewayHarness;
  beforeAll(async () => {
    const logger = createLogger({
      name: 'rest-log-test',
      level: 'info',
      destination: { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
    });
    gateway = await startGatewayHarness({ logger });
  });
  afterAll(() => gateway.close());

  it('carries the verified caller of a legacy route', async () => {
    const base = gateway.url.replace('/graphql', '');
    const res = await httpRequest(`${base}/v1/teachers/uuid/teacher-000000000001`, {
      headers: { authorization: `Bearer ${TOKEN.student1}` },
    });
    expect(res.status).toBe(200);
    const line = lines.find((l) => JSON.stringify(l).includes('/v1/teachers/uuid/') && 'user' in l);
    expect(line?.user).toEqual({ id: 'student-000000000001', roles: ['student'] });
  });
});
