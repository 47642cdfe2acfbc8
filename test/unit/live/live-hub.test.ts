import { createLogger } from '../../../core/logger';
import { createLiveHub, type LiveHub } from '../../../live/live-hub';
import type { LiveEvent, OutingSnapshot } from '../../../live/live-events';
import { noopLiveMetrics, type LiveMetrics } from '../../../live/live-metrics';
import type { EventBus } from '../../../live/event-bus';
import { createMemoryEventBus } from '../../../live/memory-event-bus';
import { createSubscriber } from '../../../live/subscriber';

const STUDENT = { uuid: 'student-000000000001', role: 'student' as const };
const reads = { childrenOf: async () => [], classOf: async () => ({ grade: 1, classNumber: 1 }) };
const outing = (id: string, place = '서점'): LiveEvent => ({
  topic: 'outing',
  outing: {
    id,
    studentId: STUDENT.uuid,
    place,
    reason: 'r',
    situation: 'NORMAL',
    status: 'APPROVED',
    startsAt: 0,
    endsAt: 1,
    arrivedAt: null,
    isLate: null,
  } satisfies OutingSnapshot,
});
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the live hub (live/live-hub.ts)', () => {
  let hub: LiveHub;
  let bus: EventBus;
  let dropped: number;
  const metrics: LiveMetrics = { ...noopLiveMetrics, eventsDropped: (_reason, count) => (dropped += count) };
  const socket = { bufferedAmount: () => 0, drop: jest.fn() };

  beforeEach(async () => {
    dropped = 0;
    socket.drop.mockReset();
    bus = createMemoryEventBus();
    hub = createLiveHub({
      bus,
      channelOf: (topic) => `test:${topic}`,
      limits: { maxPerConnection: 2, maxPerUser: 3, maxBufferedBytes: 4096 },
      logger: createLogger({ name: 'hub-test', level: 'silent' }),
      metrics,
    });
    await hub.start();
  });
  afterEach(() => hub.close());

  it('delivers every event in order to the subscriptions it concerns, and ignores what is not an event', async () => {
    const connection = hub.connect(createSubscriber(STUDENT, reads), socket);
    const stream = connection.stream('myOutingUpdated', {});
    const others = hub.connect(createSubscriber({ uuid: 'student-000000000002', role: 'student' }, reads), socket);
    const otherStream = others.stream('myOutingUpdated', {});
    await hub.publish(outing('a'));
    // From another replica's version, say: neither crashes the hub nor reaches anyone.
    await bus.publish('test:outing', 'not json');
    await bus.publish('test:outing', JSON.stringify({ topic: 'outing', outing: { id: 'x' } }));
    for (const id of ['b', 'c']) await hub.publish(outing(id));
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push(((await stream.next()).value as { outing: { id: string } }).outing.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    await tick();
    expect(await Promise.race([otherStream.next().then(() => 'event'), tick().then(() => 'nothing')])).toBe('nothing');
  });

  it('keeps slots atomically: per connection, per account across connections, given back when unused', () => {
    const first = hub.connect(createSubscriber(STUDENT, reads), socket);
    expect(first.reserve()).toBeUndefined();
    expect(first.reserve()).toBeUndefined();
    expect(first.reserve()?.details).toEqual({ reason: 'SUBSCRIPTIONS_PER_SOCKET', limit: 2 });
    first.stream('myOutingUpdated', {});
    first.release();
    const second = hub.connect(createSubscriber(STUDENT, reads), socket);
    expect(second.reserve()).toBeUndefined();
    expect(second.reserve()).toBeUndefined();
    const third = hub.connect(createSubscriber(STUDENT, reads), socket);
    expect(third.reserve()?.details).toEqual({ reason: 'SUBSCRIPTIONS_PER_ACCOUNT', limit: 3 });
    second.close();
    expect(third.reserve()).toBeUndefined();
  });

  it('ends a stream on return() even while it waits for an event, and gives its slot back', async () => {
    const connection = hub.connect(createSubscriber(STUDENT, reads), socket);
    const stream = connection.stream('myOutingUpdated', {});
    const waiting = stream.next();
    await stream.return?.();
    expect(await waiting).toEqual({ done: true, value: undefined });
    connection.stream('myOutingUpdated', {});
    connection.stream('myOutingUpdated', {});
  });

  it('drops a connection whose unread events pass the byte limit, with its queued events, instead of buffering', async () => {
    const connection = hub.connect(createSubscriber(STUDENT, reads), socket);
    connection.stream('myOutingUpdated', {});
    // About 1 KiB each; nobody pulls, so they queue until the fifth passes 4 KiB.
    for (let i = 0; i < 6; i += 1) await hub.publish(outing(String(i), 'x'.repeat(900)));
    await tick();
    await tick();
    expect(socket.drop).toHaveBeenCalledTimes(1);
    expect(dropped).toBeGreaterThanOrEqual(4);
  });
});
