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

/** What follows a write besides invalidation (live update events); never fails the write. */
export type WriteListener = (write: Write) => Promise<void>;

/**
 * "A write happened": the one place both front doors (the GraphQL plugin `useWrites` and the REST routes) report
 * every write to, after it ran and before it is answered.
 */
export interface WritePort {
  written(write: Write): Promise<void>;
}

export interface WritePortOptions {
  /** Drops the cached reads a write made stale; absent when the response cache is off. */
  invalidate?(tags: readonly string[] | 'all'): Promise<void>;
  /** Run after the invalidation, for successful writes only, in order (the live update events). */
  listeners?: readonly WriteListener[];
  logger: Logger;
}

/**
 * Invalidation first, then the listeners: a client told of a change by an event and reading it again at once
 * must not get the old answer from the cache. Both are awaited, so a write is answered only after its events
 * left; a listener's failure is logged and the write still answers as it did.
 */
export function createWritePort({ invalidate, listeners = [], logger }: WritePortOptions): WritePort {
  return {
    async written(write) {
      if (invalidate) await invalidate(invalidationsOf(write.field, write.args, write.caller));
      if (!write.succeeded) return;
      for (const listener of listeners) {
        try {
          await listener(write);
        } catch (err) {
          logger.warn({ err, field: write.field, requestId: write.requestId }, 'after-write step failed');
        }
      }
    },
  };
}
