import type { DestinationStream } from 'pino';

/** The parts of pino's destination (sonic-boom) the batcher writes to. */
export interface ByteDestination {
  write(bytes: Buffer): unknown;
  flushSync(): void;
  flush(callback: (error?: Error) => void): void;
}

/**
 * Lines queued as they are logged and handed to the destination as one Buffer per event-loop turn. A busy
 * gateway logs tens of lines a turn (one per request); given them one by one, sonic-boom in string mode appends
 * each to a pending string and measures that whole string's byte length again, flattening it: under load every
 * line copied kilobytes, and the access line was the largest allocator of a cached read (30% of its bytes in a
 * heap sampling profile). Joined once a turn and encoded once, into a destination in buffer mode (which keeps
 * Buffers as they are), a line costs a third of that.
 *
 * Nothing queued is lost on the way out: on `exit` (a clean shutdown, `process.exit`, the crash handler) the
 * queue is written and the destination flushed synchronously, as pino does for its own queue.
 */
/** sonic-boom's maxWrite (16 KiB): the most one write hands the operating system. */
const WRITE_SIZE = 16 * 1024;

/** What the exit flush needs of a queue. */
interface Flushable {
  flushSync(): void;
}

/**
 * One `exit` listener for every queue of the process, holding each weakly (as pino's own on-exit-leak-free does):
 * a listener per queue would pile up wherever loggers come and go (tests make hundreds).
 */
const exitFlushes = new Set<WeakRef<Flushable>>();
let exitListening = false;
function flushOnExit(queue: Flushable): void {
  for (const ref of exitFlushes) if (ref.deref() === undefined) exitFlushes.delete(ref);
  exitFlushes.add(new WeakRef(queue));
  if (exitListening) return;
  exitListening = true;
  process.once('exit', () => {
    for (const ref of exitFlushes) ref.deref()?.flushSync();
  });
}

export function turnBatchedDestination(
  destination: ByteDestination,
  onExit: (queue: Flushable) => void = flushOnExit,
): DestinationStream & Flushable & { flush(callback?: (error?: Error) => void): void } {
  let lines: string[] = [];
  let scheduled = false;
  const drain = () => {
    scheduled = false;
    const queued = lines;
    lines = [];
    // In writes of about sonic-boom's own size (its maxWrite): a pipe takes a small write whole, and at exit only
    // the one write in flight is the operating system's to finish, as with pino's own queue.
    let from = 0;
    let size = 0;
    for (let index = 0; index < queued.length; index += 1) {
      size += (queued[index] as string).length;
      if (size < WRITE_SIZE && index < queued.length - 1) continue;
      const text = index === from ? (queued[index] as string) : queued.slice(from, index + 1).join('');
      destination.write(Buffer.from(text, 'utf8'));
      from = index + 1;
      size = 0;
    }
  };
  const queue = {
    write(line: string) {
      lines.push(line);
      if (!scheduled) {
        scheduled = true;
        setImmediate(drain);
      }
    },
    flushSync() {
      drain();
      destination.flushSync();
    },
    flush(callback = () => {}) {
      drain();
      destination.flush(callback);
    },
  };
  onExit(queue);
  return queue;
}
