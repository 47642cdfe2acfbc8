import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { liveClient, metricValue, waitForSubscriptions, type LiveClient } from '../../helpers/live-client';
import { HOUR_MS, PARENT1, STUDENT1, STUDENT2, TEACHER1, at, seeded, tokenOf } from '../graphql/outing/outing-test-kit';

const MY_OUTING = `subscription { myOutingUpdated { id status place student { id name } } }`;
const REQUESTED = `subscription { outingRequested { id status place student { id grade classNumber } } }`;
const CREATE = `mutation ($input: CreateOutingInput!) { createOuting(input: $input) { id } }`;

/**
 * Outing events over real WebSocket clients on loopback (graphql-ws over `ws`), one in-process gateway with the
 * events in memory: who gets which write, from either front door, within a second, and who gets nothing.
 */
describe('live updates: outings', () => {
  let gateway: GatewayHarness;
  const clients: LiveClient[] = [];
  const open = (token: string) => {
    const client = liveClient(gateway.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    // The server has let go of every subscription before the next test counts them.
    for (const field of ['myOutingUpdated', 'outingRequested']) await waitForSubscriptions(gateway.url, field, 0);
  });
  afterAll(() => gateway.close());

  const approveOverRest = async (outingId: string) => {
    const res = await httpRequest(
      `${gateway.url.replace('/graphql', '')}/v1/outings/uuid/${outingId}/actions/teacher-approve`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf(TEACHER1)}` },
      },
    );
    expect(res.status).toBe(200);
  };

  it('a student sees their outing approved over REST within a second; their parent too; another student nothing', async () => {
    const created = await gateway.graphql<{ createOuting: { id: string } }>(
      CREATE,
      {
        input: {
          startsAt: at(HOUR_MS),
          endsAt: at(2 * HOUR_MS),
          place: '서점',
          reason: '교재 구입',
          situation: 'NORMAL',
        },
      },
      { token: tokenOf(STUDENT1) },
    );
    const outingId = created.body.data?.createOuting.id as string;
    expect(outingId).toMatch(/^outing-\d{12}$/);

    const student = open(tokenOf(STUDENT1)).subscribe(MY_OUTING);
    const parent = open(tokenOf(PARENT1)).subscribe(MY_OUTING);
    const other = open(tokenOf(STUDENT2)).subscribe(MY_OUTING);
    await waitForSubscriptions(gateway.url, 'myOutingUpdated', 3);

    const started = Date.now();
    await approveOverRest(outingId);
    const seen = await student.next(1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const expected = { id: outingId, status: 'APPROVED', place: '서점', student: { id: STUDENT1, name: '홍길동' } };
    expect(seen).toEqual({ data: { myOutingUpdated: expected } });
    expect(await parent.next(1000)).toEqual({ data: { myOutingUpdated: expected } });
    await other.expectNothingWithin(300);

    // What the metrics say: three sockets, the approval published once, sent twice.
    const metric = (series: string) => metricValue(gateway.url, series);
    expect(await metric('gateway_subscription_connections')).toBe(3);
    expect(await metric('gateway_live_events_published_total{topic="outing",outcome="published"}')).toBe(2);
    expect(await metric('gateway_subscription_events_sent_total{field="myOutingUpdated"}')).toBe(2);
  });

  it("a parent gets only their own child's outings", async () => {
    const parent = open(tokenOf(PARENT1)).subscribe(MY_OUTING);
    const owner = open(tokenOf(STUDENT2)).subscribe(MY_OUTING);
    await waitForSubscriptions(gateway.url, 'myOutingUpdated', 2);
    // Seeded outing 2 is student2's, waiting for a teacher; parent1 is student1's parent.
    await approveOverRest(seeded(2));
    expect(await owner.next(1000)).toMatchObject({ data: { myOutingUpdated: { id: seeded(2), status: 'APPROVED' } } });
    await parent.expectNothingWithin(300);
  });

  it('a teacher gets a new outing and its changes; the student gets it as their own', async () => {
    const teacher = open(tokenOf(TEACHER1)).subscribe(REQUESTED);
    const student = open(tokenOf(STUDENT2)).subscribe(MY_OUTING);
    await waitForSubscriptions(gateway.url, 'outingRequested', 1);
    await waitForSubscriptions(gateway.url, 'myOutingUpdated', 1);

    const created = await gateway.graphql<{ createOuting: { id: string } }>(
      CREATE,
      {
        input: { startsAt: at(HOUR_MS), endsAt: at(2 * HOUR_MS), place: '편의점', reason: '간식', situation: 'NORMAL' },
      },
      { token: tokenOf(STUDENT2) },
    );
    const id = created.body.data?.createOuting.id;
    expect(await teacher.next(1000)).toEqual({
      data: {
        outingRequested: {
          id,
          status: 'WAITING_FOR_TEACHER',
          place: '편의점',
          student: { id: STUDENT2, grade: 1, classNumber: 3 },
        },
      },
    });
    expect(await student.next(1000)).toMatchObject({
      data: { myOutingUpdated: { id, status: 'WAITING_FOR_TEACHER' } },
    });
  });
});
