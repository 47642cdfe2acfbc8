import type { LiveEvent } from './live-events';

/** The events of one subscription, in order, as an async iterator its executor pulls from. */
export interface EventStream extends AsyncIterableIterator<LiveEvent> {
  /** Queues an event (or hands it to a waiting `next()`); `bytes` is its size on the bus. */
  push(event: LiveEvent, bytes: number): void;
  /** Bytes of the events queued and not yet pulled. */
  readonly queuedBytes: number;
  readonly queuedCount: number;
  /** Ends the stream: a waiting `next()` resolves `done`, queued events are discarded. */
  end(): void;
}

/**
 * A pull queue: the executor asks for the next event only after the previous one was sent (graphql-ws awaits
 * each send), so a slow socket makes events wait here, where they are counted against the socket's budget (the
 * hub drops the consumer before this grows without bound). Not an async generator: `return()` must end a stream
 * that is waiting for its next event, which a suspended generator cannot do.
 */
export function createEventStream(onEnd: () => void): EventStream {
  const queue: Array<{ event: LiveEvent; bytes: number }> = [];
  let waiting: ((result: IteratorResult<LiveEvent>) => void) | undefined;
  let ended = false;
  let queuedBytes = 0;

  const end = () => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    queuedBytes = 0;
    const wake = waiting;
    waiting = undefined;
    wake?.({ done: true, value: undefined });
    onEnd();
  };

  const stream: EventStream = {
    push(event, bytes) {
      if (ended) return;
      if (waiting) {
        const wake = waiting;
        waiting = undefined;
        wake({ done: false, value: event });
        return;
      }
      queue.push({ event, bytes });
      queuedBytes += bytes;
    },
    get queuedBytes() {
      return queuedBytes;
    },
    get queuedCount() {
      return queue.length;
    },
    end,
    next() {
      const item = queue.shift();
      if (item) {
        queuedBytes -= item.bytes;
        return Promise.resolve({ done: false, value: item.event });
      }
      if (ended) return Promise.resolve({ done: true, value: undefined });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return() {
      end();
      return Promise.resolve({ done: true, value: undefined });
    },
    throw(error?: unknown) {
      end();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
