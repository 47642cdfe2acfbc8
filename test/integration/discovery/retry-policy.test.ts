import { randomUUID } from 'node:crypto';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { createChannelPool } from '../../../grpc-clients/channel-pool';
import { createServiceClients } from '../../../grpc-clients/service-clients';
import { newSpanContext } from '../../../grpc-clients/upstream-metadata';
import { BreakerOpenError, createInstanceBreakers, type InstanceBreakers } from '../../../resilience/instance-breakers';
import { silentBreakerListener } from '../../../resilience/consul-check-reporter';
import { freePort } from '../../helpers/free-port';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';

describe('retry policy: reads once more elsewhere, writes never twice', () => {
  let live: ReferenceHarness;
  let clients: ReturnType<typeof createServiceClients>;
  let close: () => void;

  beforeAll(async () => {
    live = await startReferenceHarness();
    const dead = `127.0.0.1:${await freePort()}`;
    const registry = createStaticRegistry({ auth: [dead, live.services.addresses.auth] });
    const channels = createChannelPool();
    // A high threshold keeps the dead instance's breaker closed, so every other pick lands on it.
    const breakers = createInstanceBreakers(createLogger({ name: 't', level: 'silent' }), silentBreakerListener, {
      errorThreshold: 1000,
      successThreshold: 5,
      openMs: 60_000,
    });
    clients = createServiceClients(
      { registry, channels, breakers },
      { callerUuid: 'admin-000000000001', requestId: randomUUID(), spanContext: newSpanContext() },
    );
    close = () => {
      breakers.close();
      channels.close();
    };
  });
  afterAll(async () => {
    close();
    await live.close();
  });

  it('retries a read that could not reach its instance on the other one', async () => {
    for (let i = 0; i < 6; i += 1) {
      const reply = await clients.auth.teacher.getTeacherInformWithUuid({ TeacherUUID: 'teacher-000000000001' });
      expect(reply.Name).toBe('김선생');
    }
  });

  it('sends a write to one instance only, and fails it when that one is down', async () => {
    live.services.resetCallCounts();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        clients.auth.teacher.createNewTeacher({
          TeacherID: `retry${i}${Date.now() % 1000}`,
          TeacherPW: 'pass1234',
          Name: '박교사',
          PhoneNumber: `0109${String(Date.now() + i).slice(-7)}`,
        }),
      ),
    );
    const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(succeeded).toBe(3);
    expect(failed).toHaveLength(3);
    for (const f of failed) expect((f as PromiseRejectedResult).reason.code).toBe('INTERNAL_SERVER_ERROR');
    // The live instance saw exactly the writes that succeeded: none of the failed ones was resent to it.
    expect(live.services.callCounts()['/auth.teacher.AuthTeacher/CreateNewTeacher']).toBe(succeeded);
  });

  it('sends a write on to another instance when a half-open breaker refused it before sending anything', async () => {
    // A half-open breaker whose one trial call is already out refuses the rest at once (opossum), while the
    // instance still counts as not open: the write reached nobody, so it must go on rather than fail.
    const refusing = `127.0.0.1:${await freePort()}`;
    const registry = createStaticRegistry({ auth: [refusing, live.services.addresses.auth] });
    const channels = createChannelPool();
    const real = createInstanceBreakers(createLogger({ name: 't', level: 'silent' }), silentBreakerListener);
    const breakers: InstanceBreakers = {
      ...real,
      run: (service, instance, call, countsAsFailure) =>
        instance.address === refusing
          ? Promise.reject(new BreakerOpenError(service, instance))
          : real.run(service, instance, call, countsAsFailure),
    };
    const writer = createServiceClients(
      { registry, channels, breakers },
      { callerUuid: 'admin-000000000001', requestId: randomUUID(), spanContext: newSpanContext() },
    );
    live.services.resetCallCounts();
    try {
      for (let i = 0; i < 4; i += 1) {
        await writer.auth.teacher.createNewTeacher({
          TeacherID: `halfopen${i}${Date.now() % 1000}`,
          TeacherPW: 'pass1234',
          Name: '최교사',
          PhoneNumber: `0107${String(Date.now() + i).slice(-7)}`,
        });
      }
      expect(live.services.callCounts()['/auth.teacher.AuthTeacher/CreateNewTeacher']).toBe(4);
    } finally {
      real.close();
      channels.close();
    }
  });
});
