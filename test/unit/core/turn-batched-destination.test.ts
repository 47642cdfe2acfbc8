import { turnBatchedDestination, type ByteDestination } from '../../../core/turn-batched-destination';

function recordingDestination() {
  const writes: string[] = [];
  const calls: string[] = [];
  const destination: ByteDestination = {
    write: (bytes) => {
      writes.push(bytes.toString('utf8'));
      calls.push('write');
    },
    flushSync: () => calls.push('flushSync'),
    flush: (callback) => {
      calls.push('flush');
      callback();
    },
  };
  return { destination, writes, calls };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('the turn-batched log destination', () => {
  it('hands the lines of one turn to the destination as one write, in order, after the turn', async () => {
    const { destination, writes } = recordingDestination();
    const stream = turnBatchedDestination(destination, () => {});
    stream.write('{"n":1}\n');
    stream.write('{"n":2}\n');
    stream.write('{"n":"가"}\n');
    expect(writes).toEqual([]);
    await nextTurn();
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":"가"}\n']);
    stream.write('{"n":4}\n');
    await nextTurn();
    expect(writes).toEqual(['{"n":1}\n{"n":2}\n{"n":"가"}\n', '{"n":4}\n']);
  });

  it("splits a busy turn into writes of about 16 KiB (sonic-boom's write size), keeping every line whole", async () => {
    const { destination, writes } = recordingDestination();
    const stream = turnBatchedDestination(destination, () => {});
    const lines = Array.from({ length: 200 }, (_, i) => `{"i":${i},"pad":"${'x'.repeat(190)}"}\n`);
    for (const line of lines) stream.write(line);
    await nextTurn();
    expect(writes.join('')).toBe(lines.join(''));
    expect(writes.length).toBeGreaterThan(1);
    for (const write of writes) {
      expect(write.endsWith('\n')).toBe(true);
      expect(write.length).toBeLessThan(16 * 1024 + 300);
    }
  });

  it('writes nothing for a turn without lines', async () => {
    const { destination, calls } = recordingDestination();
    turnBatchedDestination(destination, () => {});
    await nextTurn();
    expect(calls).toEqual([]);
  });

  it('registers itself for the exit flush, which writes the queued lines and flushes synchronously', () => {
    const { destination, writes, calls } = recordingDestination();
    let registered: { flushSync(): void } | undefined;
    const stream = turnBatchedDestination(destination, (queue) => (registered = queue));
    expect(registered).toBe(stream);
    stream.write('last words\n');
    registered?.flushSync();
    expect(writes).toEqual(['last words\n']);
    expect(calls).toEqual(['write', 'flushSync']);
  });

  it('adds one exit listener to the process however many queues there are', () => {
    const before = process.listenerCount('exit');
    const queues = Array.from({ length: 20 }, () => turnBatchedDestination(recordingDestination().destination));
    expect(process.listenerCount('exit') - before).toBeLessThanOrEqual(1);
    expect(queues).toHaveLength(20);
  });

  it("flushSync and flush (pino's logger.flush) write the queue first", async () => {
    const { destination, calls } = recordingDestination();
    const stream = turnBatchedDestination(destination, () => {});
    stream.write('a\n');
    stream.flushSync();
    stream.write('b\n');
    const flushed = jest.fn();
    stream.flush(flushed);
    expect(calls).toEqual(['write', 'flushSync', 'write', 'flush']);
    expect(flushed).toHaveBeenCalled();
    await nextTurn();
    expect(calls).toHaveLength(4);
  });
});
