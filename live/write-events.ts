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

type Built = { topic: LiveTopic; event: LiveEvent | undefined } | undefined;

/**
 * The event of a write, read back right after it as the writer. Writes that publish nothing: everything but
 * outings and new announcements, and the confirm-code decisions, which name no account that may read the
 * outing back (and have not been used since the parent step was dropped in 2021).
 */
async function eventOf(write: Write, readAs: ReadAs): Promise<Built> {
  const { field, caller } = write;
  if (!caller) return undefined;
  if (OWNER_WRITES.has(field)) {
    const id = field === 'createOuting' ? idOf(write.result) : idOf(write.args);
    if (!id) return { topic: 'outing', event: undefined };
    const outing = await ownOutingSnapshot(readAs(caller.uuid, write.requestId).clients, id);
    return { topic: 'outing', event: { topic: 'outing', outing } };
  }
  const status = TEACHER_WRITES[field];
  if (status) {
    const id = idOf(write.args);
    if (!id) return { topic: 'outing', event: undefined };
    const { clients, loaders } = readAs(caller.uuid, write.requestId);
    const outing = await teacherOutingSnapshot(clients, loaders, id, status);
    return { topic: 'outing', event: outing && { topic: 'outing', outing } };
  }
  if (field === 'createAnnouncement') {
    const id = idOf(write.result);
    const input = (write.args.input ?? {}) as {
      type?: AnnouncementType;
      targetGrades?: number[] | null;
      targetClasses?: number[] | null;
    };
    if (!id || (input.type !== 'SCHOOL' && input.type !== 'CLUB')) return { topic: 'announcement', event: undefined };
    const announcement = await announcementSnapshot(readAs(caller.uuid, write.requestId).clients, {
      id,
      type: input.type,
      writerId: caller.uuid,
      targetGrades: input.targetGrades,
      targetClasses: input.targetClasses,
    });
    return { topic: 'announcement', event: announcement && { topic: 'announcement', announcement } };
  }
  return undefined;
}

export interface WriteEventsOptions {
  hub: LiveHub;
  readAs: ReadAs;
  logger: Logger;
  metrics: LiveMetrics;
}

/**
 * The write port's listener that turns writes of outings and announcements into live update events: the object
 * is read back once, as the writer, and published with every fact each audience's view is projected from.
 */
export function createWriteEvents({ hub, readAs, logger, metrics }: WriteEventsOptions): WriteListener {
  const log = logger.child({ component: 'live' });
  return async (write) => {
    let built: Built;
    try {
      built = await eventOf(write, readAs);
    } catch (err) {
      // The write is made; only its event is lost (subscribers see the change on their next read).
      const topic = write.field === 'createAnnouncement' ? 'announcement' : 'outing';
      metrics.eventPublished(topic, 'unresolved');
      log.warn({ err, field: write.field, requestId: write.requestId }, 'live updates: could not read a write back');
      return;
    }
    if (!built) return;
    if (!built.event) {
      metrics.eventPublished(built.topic, 'unresolved');
      log.warn({ field: write.field, requestId: write.requestId }, 'live updates: the written object was not found');
      return;
    }
    try {
      await hub.publish(built.event);
      metrics.eventPublished(built.topic, 'published');
    } catch (err) {
      metrics.eventPublished(built.topic, 'failed');
      throw err;
    }
  };
}
