import type Redis from 'ioredis';
import WebSocket from 'ws';
import { liveChannel } from '../../../live/redis-event-bus';
import type { OutingSnapshot } from '../../../live/live-events';
import { httpRequest } from '../../helpers/http-request';
import { liveClient, waitForSubscriptions, wsUrlOf, type LiveClient } from '../../helpers/live-client';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';
import { testRedisUrl } from '../../helpers/test-redis';
import { cleanRedis, startTestGateway, switchableRegistry, type TestGateway } from '../cache/cache-gateways';
import { HOUR_MS, STUDENT1, STUDENT2, TEACHER1, at, tokenOf } from '../graphql/outing/outing-test-kit';

const DB = 6;
const REDIS_URL = testRedisUrl(DB);
const MY_OUTING = 'subscription { myOutingUpdated { id status place } }';
const CREATE = 'mutation ($input: CreateOutingInput!) { createOuting(input: $input) { id } }';
const SLOW_CONSUMER_LIMIT = 64 * 1024;

/**
 * Two replicas sharing one Redis: an event written through one reaches a subscriber of the other, once; and a
 * subscriber that stops reading is dropped (1013) at its byte limit instead of being buffered for.
 */
describe('live updates across replicas (Redis pub/sub)', () => {
  let services: ReferenceHarness;
  let redis: Redis;
  let replicaA: TestGateway;
  let replicaB: TestGateway;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    redis = await cleanRedis(DB);
    services = await startReferenceHarness();
    const registry = switchableRegistry(services);
    const env = { REDIS_URL, SUBSCRIPTIONS_MAX_BUFFERED_BYTES: String(SLOW_CONSUMER_LIMIT) };
    [replicaA, replicaB] = await Promise.all([startTestGateway(registry, env), startTestGateway(registry, env)]);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await replicaA?.close();
    await replicaB?.close();
    await services?.close();
    redis?.disconnect();
  });

  it('a subscriber on replica A gets, once, the approval a teacher made through replica B', async () => {
    const client = liveClient(replicaA.url, tokenOf(STUDENT1));
    clients.push(client);
    const events = client.subscribe(MY_OUTING);
    await waitForSubscriptions(replicaA.url, 'myOutingUpdated', 1);

    const created = await replicaB.graphql(
      CREATE,
      {
        input: { startsAt: at(HOUR_MS), endsAt: at(2 * HOUR_MS), place: '우체국', reason: '택배', situation: 'NORMAL' },
      },
      tokenOf(STUDENT1),
    );
    const id = (created.body.data?.createOuting as { id: string }).id;
    expect(await events.next(1000)).toEqual({
      data: { myOutingUpdated: { id, status: 'WAITING_FOR_TEACHER', place: '우체국' } },
    });

    const approved = await httpRequest(
      replicaB.url.replace('/graphql', `/v1/outings/uuid/${id}/actions/teacher-approve`),
      {
        method: 'POST',
        headers: { authorization: `Bearer ${tokenOf(TEACHER1)}` },
      },
    );
    expect(approved.status).toBe(200);
    expect(await events.next(1000)).toEqual({ data: { myOutingUpdated: { id, status: 'APPROVED', place: '우체국' } } });
    await events.expectNothingWithin(300);
    client.client.dispose();
  });

  it('drops a subscriber that stops reading: its socket closes with 1013 once its bytes pass the limit', async () => {
    const socket = new WebSocket(wsUrlOf(replicaA.url), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.on('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${tokenOf(STUDENT2)}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    socket.send(JSON.stringify({ type: 'subscribe', id: '1', payload: { query: MY_OUTING } }));
    await waitForSubscriptions(replicaA.url, 'myOutingUpdated', 1);
    socket.pause();

    // Events for that student, published straight onto the channel, each about 16 KB: kernel buffers fill first,
    // then the socket's own, then the queue, until the limit.
    const outing: OutingSnapshot = {
      id: 'outing-000000000002',
      studentId: STUDENT2,
      place: '서'.repeat(5000),
      reason: '교재 구입',
      situation: 'NORMAL',
      status: 'APPROVED',
      startsAt: Date.now(),
      endsAt: Date.now() + HOUR_MS,
      arrivedAt: null,
      isLate: null,
    };
    const message = JSON.stringify({ topic: 'outing', outing });
    const dropped = async () => {
      const text = await (await fetch(replicaA.url.replace('/graphql', '/metrics'))).text();
      return Number(/gateway_subscription_events_dropped_total\{reason="slow_consumer"\} (\d+)/.exec(text)?.[1] ?? 0);
    };
    for (let sent = 0; sent < 2000 && (await dropped()) === 0; sent += 50) {
      await Promise.all(
        Array.from({ length: 50 }, () =>
          redis.publish(liveChannel({ kind: 'single', url: REDIS_URL }, 'outing'), message),
        ),
      );
    }
    expect(await dropped()).toBeGreaterThan(0);
    await waitForSubscriptions(replicaA.url, 'myOutingUpdated', 0);
    socket.resume();
    expect(await closed).toBe(1013);
  });
});
