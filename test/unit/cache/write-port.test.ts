import { createLogger } from '../../../core/logger';
import { createWritePort, type Write } from '../../../cache/write-port';

const logger = createLogger({ name: 'write-port-test', level: 'silent' });
const write = (overrides: Partial<Write> = {}): Write => ({
  field: 'approveOuting',
  args: { id: 'outing-000000000002' },
  caller: { uuid: 'teacher-000000000001', role: 'teacher' },
  result: { id: 'outing-000000000002', status: 'APPROVED' },
  succeeded: true,
  requestId: 'r',
  ...overrides,
});

/** The one place a write is reported to, from either front door (cache/write-port.ts). */
describe('the write port', () => {
  it('invalidates the tags of the write first, then runs the listeners', async () => {
    const order: string[] = [];
    const port = createWritePort({
      invalidate: async (tags) => void order.push(`invalidate ${JSON.stringify(tags)}`),
      listeners: [async (w) => void order.push(`event ${w.field}`)],
      logger,
    });
    await port.written(write());
    await port.settle(1000);
    expect(order).toEqual([
      'invalidate ["Outing:outing-000000000002","OutingCard:outing-000000000002","outings:filters"]',
      'event approveOuting',
    ]);
  });

  it('a failed write is still invalidated (it may have been made) but publishes nothing', async () => {
    const events: string[] = [];
    const invalidated: unknown[] = [];
    const port = createWritePort({
      invalidate: async (tags) => void invalidated.push(tags),
      listeners: [async (w) => void events.push(w.field)],
      logger,
    });
    await port.written(write({ succeeded: false, result: undefined }));
    expect(invalidated).toHaveLength(1);
    expect(events).toEqual([]);
  });

  it('without a cache the listeners still run, and a failing listener does not fail the write', async () => {
    const events: string[] = [];
    const port = createWritePort({
      listeners: [
        async () => {
          throw new Error('bus down');
        },
        async (w) => void events.push(w.field),
      ],
      logger,
    });
    await expect(port.written(write())).resolves.toBeUndefined();
    await port.settle(1000);
    expect(events).toEqual(['approveOuting']);
  });

  it('waits for a slow listener only so long, then answers; settle() waits for it', async () => {
    let finish!: () => void;
    const slow = new Promise<void>((resolve) => (finish = resolve));
    const done: string[] = [];
    const port = createWritePort({
      listeners: [() => slow.then(() => void done.push('event'))],
      listenerWaitMs: 20,
      logger,
    });
    const started = Date.now();
    await port.written(write());
    expect(Date.now() - started).toBeLessThan(500);
    expect(done).toEqual([]);
    const settled = port.settle(1000);
    finish();
    await settled;
    expect(done).toEqual(['event']);
  });
});
