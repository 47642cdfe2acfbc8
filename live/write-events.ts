import type { Write, WriteListener } from '../cache/write-port';
import type { Logger } from '../core/logger';
import type { Loaders } from '../grpc-clients/loaders';
import type { ServiceClients } from '../grpc-clients/service-clients';
import type { AnnouncementType, OutingStatus } from '../resolvers/generated/resolvers-types';
import { announcementSnapshot } from './announcement-snapshots';
import type { LiveHub } from './live-hub';
import type { LiveEvent, LiveTopic } from './live-events';
import type { LiveMetrics } from './live-metrics';
import { ownOutingSnapshot, teacherOutingSnapshot } from './outing-snapshots';

/** Clients calling as an account, for the reads that follow a write. */
export type ReadAs = (uuid: string, requestId: string) => { clients: ServiceClients; loaders: Loaders };

/** The writes of an outing's owner, read back as the owner. */
const OWNER_WRITES = new Set(['createOuting', 'startOuting']);

/** The teachers' steps and the status each leaves the outing in (legacy-api.md §4.1). */
const TEACHER_WRITES: Readonly<Record<string, OutingStatus>> = {
  approveOuting: 'APPROVED',
  rejectOuting: 'REJECTED_BY_TEACHER',
  endOuting: 'RETURNED',
  certifyOuting: 'CERTIFIED',
  changeOutingEndTime: 'WAITING_FOR_TEACHER',
};

/** `createOuting` answers an outing, `createAnnouncement` an id. */
function idOf(result: unknown): string | undefined {
  if (typeof result === 'string') return result;
  const id = (result as { id?: unknown } | null | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

/** The object a write publishes an event about, or undefined when it publishes none. */
interface Subject {
  topic: LiveTopic;
  id: string | undefined;
}

/**
 * Writes that publish nothing: everything but outings and new announcements, and the confirm-code decisions, which
 * name no account that may read the outing back (and have not been used since the parent step was dropped in 2021).
 */
function subjectOf(write: Write): Subject | undefined {
  const { field } = write;
  if (!write.caller) return undefined;
  if (field === 'createOuting') return { topic: 'outing', id: idOf(write.result) };
  if (field === 'startOuting' || Object.hasOwn(TEACHER_WRITES, field)) return { topic: 'outing', id: idOf(write.args) };
  if (field === 'createAnnouncement') return { topic: 'announcement', id: idOf(write.result) };
  return undefined;
}

/** The event of a write, read back right after it as the writer; undefined when the object was not found. */
async function eventOf(write: Write, id: string, readAs: ReadAs): Promise<LiveEvent | undefined> {
  const caller = write.caller as NonNullable<Write['caller']>;
  if (OWNER_WRITES.has(write.field)) {
    const outing = await ownOutingSnapshot(readAs(caller.uuid, write.requestId).clients, id);
    return { topic: 'outing', outing };
  }
  const status = TEACHER_WRITES[write.field];
  if (status) {
    const { clients, loaders } = readAs(caller.uuid, write.requestId);
    const outing = await teacherOutingSnapshot(clients, loaders, id, status);
    return outing && { topic: 'outing', outing };
  }
  const input = (write.args.input ?? {}) as {
    type?: AnnouncementType;
    targetGrades?: number[] | null;
    targetClasses?: number[] | null;
  };
  if (input.type !== 'SCHOOL' && input.type !== 'CLUB') return undefined;
  const announcement = await announcementSnapshot(readAs(caller.uuid, write.requestId).clients, {
    id,
    type: input.type,
    writerId: caller.uuid,
    targetGrades: input.targetGrades,
    targetClasses: input.targetClasses,
  });
  return announcement && { topic: 'announcement', announcement };
}

/** Events being read back and published at most at once; past it a write's event is dropped (and counted). */
const MAX_PENDING = 1000;

export interface WriteEventsOptions {
  hub: LiveHub;
  readAs: ReadAs;
  logger: Logger;
  metrics: LiveMetrics;
}

/**
 * The write port's listener that turns writes of outings and announcements into live update events: the object
 * is read back once, as the writer, and published with every fact each audience's view is projected from. Events
 * about one object leave in the order of its writes.
 */
export function createWriteEvents({ hub, readAs, logger, metrics }: WriteEventsOptions): WriteListener {
  const log = logger.child({ component: 'live' });
  const chains = new Map<string, Promise<void>>();
  let pending = 0;

  const publish = async (write: Write, subject: Subject) => {
    let event: LiveEvent | undefined;
    try {
      event = subject.id === undefined ? undefined : await eventOf(write, subject.id, readAs);
    } catch (err) {
      // The write is made; only its event is lost (subscribers see the change on their next read).
      metrics.eventPublished(subject.topic, 'unresolved');
      log.warn({ err, field: write.field, requestId: write.requestId }, 'live updates: could not read a write back');
      return;
    }
    if (!event) {
      metrics.eventPublished(subject.topic, 'unresolved');
      log.warn({ field: write.field, requestId: write.requestId }, 'live updates: the written object was not found');
      return;
    }
    try {
      await hub.publish(event);
      metrics.eventPublished(subject.topic, 'published');
    } catch (err) {
      metrics.eventPublished(subject.topic, 'failed');
      throw err;
    }
  };

  return async (write) => {
    const subject = subjectOf(write);
    if (!subject) return;
    if (pending >= MAX_PENDING) {
      metrics.eventPublished(subject.topic, 'failed');
      log.warn(
        { field: write.field, requestId: write.requestId },
        'live updates: too many events pending, one dropped',
      );
      return;
    }
    pending += 1;
    const key = `${subject.topic}:${subject.id ?? ''}`;
    const run = (chains.get(key) ?? Promise.resolve()).then(() => publish(write, subject));
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    chains.set(key, settled);
    try {
      await run;
    } finally {
      pending -= 1;
      if (chains.get(key) === settled) chains.delete(key);
    }
  };
}
