import { createSubscriber } from '../../../live/subscriber';

const PARENT = { uuid: 'parent-000000000001', role: 'parent' as const };
const STUDENT = { uuid: 'student-000000000001', role: 'student' as const };

describe("what decides a subscriber's events (live/subscriber.ts)", () => {
  it('reads a fact once per TTL, as the subscriber, and shares one read among concurrent askers', async () => {
    let now = 0;
    const reads: string[] = [];
    const subscriber = createSubscriber(
      PARENT,
      {
        childrenOf: async (id) => {
          reads.push(id);
          return ['student-000000000001'];
        },
        classOf: async () => ({ grade: 1, classNumber: 1 }),
      },
      { ttlMs: 1000, now: () => now },
    );
    await Promise.all([subscriber.childrenIds(), subscriber.childrenIds()]);
    now = 999;
    expect([...(await subscriber.childrenIds())]).toEqual(['student-000000000001']);
    expect(reads).toEqual([PARENT.uuid]);
    now = 1000;
    await subscriber.childrenIds();
    expect(reads).toEqual([PARENT.uuid, PARENT.uuid]);
    // Facts of another role are never read.
    expect(await subscriber.studentClass()).toBeUndefined();
  });

  it('keeps the last value when a read fails, and fails closed when there is none', async () => {
    let now = 0;
    let failing = true;
    const subscriber = createSubscriber(
      STUDENT,
      {
        childrenOf: async () => [],
        classOf: async () => {
          if (failing) throw new Error('auth unavailable');
          return { grade: 2, classNumber: 1 };
        },
      },
      { ttlMs: 10, now: () => now },
    );
    await expect(subscriber.studentClass()).rejects.toThrow('auth unavailable');
    failing = false;
    expect(await subscriber.studentClass()).toEqual({ grade: 2, classNumber: 1 });
    failing = true;
    now = 100;
    expect(await subscriber.studentClass()).toEqual({ grade: 2, classNumber: 1 });
    expect((await subscriber.childrenIds()).size).toBe(0);
  });
});
