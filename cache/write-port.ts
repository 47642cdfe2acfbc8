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
 * "A write happened": the one place both front doors (the GraphQL plugin `useWrites` and the REST routes) report
 * every write to, after it ran and before it is answered.
 */
export interface WritePort {
  /** Resolves once the write's cached reads are gone; the listeners go on after it. */
  written(write: Write): Promise<void>;
  /** Waits for the listeners still running, at most `timeoutMs` (shutdown). */
  settle(timeoutMs: number): Promise<void>;
}

export interface WritePortOptions {
  /** Drops the cached reads a write made stale; absent when the response cache is off. */
  invalidate?(tags: readonly string[] | 'all'): Promise<void>;
  /** Started after the invalidation, for successful writes only (the live update events). */
  listeners?: readonly WriteListener[];
  logger: Logger;
}

/**
 * Invalidation first, awaited: the write is answered only once its stale reads are gone, so the next read from any
 * replica is fresh. Then the listeners, not awaited: an event follows the write (a client told of a change that
 * reads it at once does not get the old answer), but a slow or failing event never delays or fails a write that
 * was made. Their failures are logged.
 */
export function createWritePort({ invalidate, listeners = [], logger }: WritePortOptions): WritePort {
  const running = new Set<Promise<void>>();
  return {
    async written(write) {
      if (invalidate) await invalidate(invalidationsOf(write.field, write.args, write.caller));
      if (!write.succeeded) return;
      for (const listener of listeners) {
        const task = listener(write)
          .catch((err: unknown) =>
            logger.warn({ err, field: write.field, requestId: write.requestId }, 'after-write step failed'),
          )
          .finally(() => running.delete(task));
        running.add(task);
      }
    },
    async settle(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(running), timeout]);
      clearTimeout(timer);
    },
  };
}
