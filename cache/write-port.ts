import type { Caller } from '../core/access-tokens';
import type { Logger } from '../core/logger';
import { invalidationsOf } from './invalidation-rules';

/** One write as both front doors report it, in GraphQL terms (a REST route names the mutation doing its job). */
export interface Write {
  /** The mutation (`approveOuting`), or `Query.<field>` for the one query with a side effect. */
  field: string;
  /** Its arguments, GraphQL-shaped (`{ id }`, `{ input: { type } }`). */
  args: Readonly<Record<string, unknown>>;
  /** Who wrote; undefined for an anonymous write (a confirm code). */
  caller: Caller | undefined;
  /**
   * What the field returned (an id, or an object with one), when it succeeded. A field that failed may still have
   * written (an upstream timeout after the commit): it is reported with `succeeded: false` and no result.
   */
  result?: unknown;
  succeeded: boolean;
  /** The request that wrote, for the log lines of whatever follows. */
  requestId: string;
}

/** What follows a successful write besides invalidation (live update events); never fails the write. */
export type WriteListener = (write: Write) => Promise<void>;

/**
 * "A write happened": the one place both front doors (the GraphQL executor, `recorded-writes.ts`, and the REST routes) report
 * every write to, after it ran and before it is answered.
 */
export interface WritePort {
  /** Resolves once the write's cached reads are gone and its listeners are done, or `listenerWaitMs` passed. */
  written(write: Write): Promise<void>;
  /** Waits for the listeners still running, at most `timeoutMs` (shutdown). */
  settle(timeoutMs: number): Promise<void>;
}

export interface WritePortOptions {
  /** Drops the cached reads a write made stale; absent when the response cache is off. */
  invalidate?(tags: readonly string[] | 'all'): Promise<void>;
  /** Started after the invalidation, for successful writes only (the live update events). */
  listeners?: readonly WriteListener[];
  /**
   * How long a write's answer waits for its listeners; past it they go on in the background.
   * @default 500
   */
  listenerWaitMs?: number;
  logger: Logger;
}

/**
 * Invalidation first, awaited: the write is answered only once its stale reads are gone, so the next read from any
 * replica is fresh. Then the listeners: a write's event follows its invalidation (a client told of a change that
 * reads it at once does not get the old answer), and the answer waits for it a little, so it usually means the
 * event has left, but never long: a slow or failing event must not delay or fail a write that was made. A listener
 * still running after `listenerWaitMs` finishes in the background; failures are logged.
 */
export function createWritePort({
  invalidate,
  listeners = [],
  listenerWaitMs = 500,
  logger,
}: WritePortOptions): WritePort {
  const running = new Set<Promise<void>>();
  const waitAtMost = async (tasks: Array<Promise<void>>, ms: number) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise((resolve) => (timer = setTimeout(resolve, ms)));
    await Promise.race([Promise.all(tasks), timeout]);
    clearTimeout(timer);
  };
  return {
    async written(write) {
      if (invalidate) await invalidate(invalidationsOf(write.field, write.args, write.caller));
      if (!write.succeeded || listeners.length === 0) return;
      const tasks = listeners.map((listener) => {
        const task = listener(write)
          .catch((err: unknown) =>
            logger.warn({ err, field: write.field, requestId: write.requestId }, 'after-write step failed'),
          )
          .finally(() => running.delete(task));
        running.add(task);
        return task;
      });
      await waitAtMost(tasks, listenerWaitMs);
    },
    settle: (timeoutMs) => waitAtMost([...running], timeoutMs),
  };
}
