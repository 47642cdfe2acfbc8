import type { Caller } from '../core/access-tokens';

/** The reads a subscriber's events are judged by, made as the subscriber (`src/` binds them to its clients). */
export interface SubscriberReads {
  /** The ids of a parent's children (`Parent.children`). */
  childrenOf(parentId: string): Promise<string[]>;
  /** A student's grade and class (`Student.grade`, `Student.classNumber`). */
  classOf(studentId: string): Promise<{ grade: number; classNumber: number }>;
}

/** One signed-in client of the live updates, with the facts about its account that decide which events it gets. */
export interface Subscriber {
  caller: Caller;
  /** A parent's children; empty for other roles. */
  childrenIds(): Promise<ReadonlySet<string>>;
  /** A student's grade and class; undefined for other roles. */
  studentClass(): Promise<{ grade: number; classNumber: number } | undefined>;
}

/** How long a fact is used before it is read again: a child linked to a parent shows up within this time. */
export const SUBSCRIBER_FACTS_TTL_MS = 60_000;

/**
 * A value read at most once per TTL (concurrent askers share the read). When a read fails, the last value is used
 * if there is one; without one the failure is the answer (the event is not delivered: fail closed).
 */
function refreshed<T>(read: () => Promise<T>, ttlMs: number, now: () => number): () => Promise<T> {
  let value: { at: number; value: T } | undefined;
  let reading: Promise<T> | undefined;
  return async () => {
    if (value && now() - value.at < ttlMs) return value.value;
    reading ??= read().then(
      (fresh) => {
        value = { at: now(), value: fresh };
        reading = undefined;
        return fresh;
      },
      (error: unknown) => {
        reading = undefined;
        if (value) return value.value;
        throw error;
      },
    );
    return reading;
  };
}

export function createSubscriber(
  caller: Caller,
  reads: SubscriberReads,
  options: { ttlMs?: number; now?: () => number } = {},
): Subscriber {
  const ttlMs = options.ttlMs ?? SUBSCRIBER_FACTS_TTL_MS;
  const now = options.now ?? Date.now;
  const none = new Set<string>();
  const children =
    caller.role === 'parent'
      ? refreshed(async () => new Set(await reads.childrenOf(caller.uuid)) as ReadonlySet<string>, ttlMs, now)
      : async () => none;
  const studentClass =
    caller.role === 'student' ? refreshed(() => reads.classOf(caller.uuid), ttlMs, now) : async () => undefined;
  return { caller, childrenIds: children, studentClass };
}
