import { request } from 'node:http';
import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

const NODES = JSON.stringify([
  {
    Node: { ID: 'n1', Node: 'node1', Address: '127.0.0.1' },
    Service: { ID: 'DMS.SMS.v1.service.auth-1', Service: 'DMS.SMS.v1.service.auth', Port: 50051, Address: '' },
    Checks: [],
  },
]);

describe('POST /events/types/consul-change (legacy route 2)', () => {
  let gateway: GatewayHarness;
  let url: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    url = gateway.url.replace('/graphql', '/events/types/consul-change');
  });
  afterAll(() => gateway.close());

  const post = (headers: Record<string, string>, body = NODES) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('requires the Consul index header (407)', async () => {
    // Node's fetch turns any 407 into a network error (proxy authentication), so this one uses node:http.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(NODES);
    });
    expect(status).toBe(407);
    expect(JSON.parse(body)).toEqual({ status: 407, message: 'X-Consul-Index header is required' });
  });

  it('does nothing for a checks watch (200)', async () => {
    gateway.services.services.resetCallCounts();
    const res = await post({ 'x-consul-index': '7', type: 'checks', service: 'DMS.SMS.v1.service.auth' });
    expect(res.status).toBe(200);
    expect(gateway.services.services.callCounts()).toEqual({});
  });

  it('refreshes and tells every service to re-read its peers, once per service and index', async () => {
    gateway.services.services.resetCallCounts();
    const headers = { 'x-consul-index': '42', type: 'service', service: 'DMS.SMS.v1.service.club' };
    expect((await post(headers)).status).toBe(200);
    expect(gateway.services.services.callCounts()).toEqual({
      '/auth.event.AuthEvent/ChangeAllServiceNodes': 1,
      '/club.event.ClubEvent/ChangeAllServiceNodes': 1,
      '/OutingEvent/ChangeAllServiceNodes': 1,
      '/schedule.ScheduleEvent/ChangeAllServiceNodes': 1,
      '/announcement.AnnouncementEvent/ChangeAllServiceNodes': 1,
    });
    const duplicate = await post(headers);
    expect(duplicate.status).toBe(409);
    expect(await duplicate.text()).toBe('');
  });

  it('answers a body that is not a node list with 400 and the parse error', async () => {
    const res = await post({ 'x-consul-index': '43', service: 'DMS.SMS.v1.service.auth' }, '{not json');
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/JSON/);
  });
});
