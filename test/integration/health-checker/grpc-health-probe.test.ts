import {
  credentials,
  makeGenericClientConstructor,
  Server,
  ServerCredentials,
  type ServiceDefinition,
} from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { createLogger } from '../../../core/logger';
import { createGrpcHealthProbe } from '../../../health-checker/grpc-health-probe';
import {
  startReferenceServices,
  type RunningReferenceServices,
} from '../../../reference-services/start-reference-services';
import { freePort } from '../../helpers/free-port';

const logger = createLogger({ name: 'health-probe-test', level: 'silent' });
const probe = createGrpcHealthProbe();

type WatchStream = NodeJS.EventEmitter & { cancel(): void };
const HealthClient = makeGenericClientConstructor(healthService as unknown as ServiceDefinition, 'Health');

/** Statuses a Watch stream reports until `count` arrived. */
function watchStatuses(address: string, count: number, service = ''): { statuses: string[]; done: Promise<void> } {
  const client = new HealthClient(address, credentials.createInsecure()) as unknown as {
    Watch(request: { service: string }): WatchStream;
    close(): void;
  };
  const statuses: string[] = [];
  const stream = client.Watch({ service });
  const done = new Promise<void>((resolve) => {
    stream.on('data', (message: { status: string }) => {
      statuses.push(message.status);
      if (statuses.length >= count) {
        stream.cancel();
        client.close();
        resolve();
      }
    });
    stream.on('error', () => undefined);
  });
  return { statuses, done };
}

describe('grpc.health.v1 on the reference services and the checker probe', () => {
  let services: RunningReferenceServices;

  beforeEach(async () => {
    services = await startReferenceServices({ logger, demoData: false, shutdownGraceMs: 600 });
  });
  afterEach(async () => {
    services.resume();
    await services.close(0);
  });

  it('answers SERVING on every service, for the whole server and for its Consul name', async () => {
    for (const address of Object.values(services.addresses)) {
      expect(await probe(address, 2000)).toMatchObject({ ok: true, outcome: 'serving', detail: 'SERVING' });
    }
    const watch = watchStatuses(services.addresses.club, 1, 'DMS.SMS.v1.service.club');
    await watch.done;
    expect(watch.statuses).toEqual(['SERVING']);
  });

  it('reports NOT_SERVING while shutting down (Check and Watch), then nothing answers', async () => {
    const address = services.addresses.auth;
    const watch = watchStatuses(address, 2);
    await new Promise((r) => setTimeout(r, 100));
    const closing = services.close();
    expect(await probe(address, 2000)).toMatchObject({ ok: false, outcome: 'not_serving', detail: 'NOT_SERVING' });
    await watch.done;
    expect(watch.statuses).toEqual(['SERVING', 'NOT_SERVING']);
    await closing;
    expect(await probe(address, 2000)).toMatchObject({ ok: false, outcome: 'unreachable' });
  });

  it('times out at the deadline on a stalled server, the health service included', async () => {
    services.stall();
    const started = Date.now();
    const result = await probe(services.addresses.outing, 300);
    expect(result).toMatchObject({ ok: false, outcome: 'timeout' });
    // Generous bound: it gave up at its deadline, it did not wait for the stall to end.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(services.callCounts()['/grpc.health.v1.Health/Check']).toBe(1);
    services.resume();
    expect(await probe(services.addresses.outing, 2000)).toMatchObject({ ok: true, outcome: 'serving' });
  });

  it('accepts a legacy server without grpc.health.v1 (UNIMPLEMENTED) and fails a closed port', async () => {
    const legacy = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      legacy.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    try {
      expect(await probe(`127.0.0.1:${port}`, 2000)).toMatchObject({ ok: true, outcome: 'legacy' });
    } finally {
      legacy.forceShutdown();
    }
    expect(await probe(`127.0.0.1:${await freePort()}`, 2000)).toMatchObject({ ok: false, outcome: 'unreachable' });
  });
});
