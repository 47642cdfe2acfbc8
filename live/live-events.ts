import { z } from 'zod';

/**
 * What travels between replicas: one event per write, with the facts every audience's view is projected from.
 * The shapes are checked on arrival (another replica may run another version); an event that does not parse is
 * dropped and logged, never half-delivered.
 */

const OUTING_STATUSES = [
  'WAITING_FOR_PARENT',
  'WAITING_FOR_TEACHER',
  'REJECTED_BY_PARENT',
  'APPROVED',
  'REJECTED_BY_TEACHER',
  'OUT',
  'RETURNED',
  'CERTIFIED',
] as const;

/** An outing right after a write: the fields of `Outing`, with its owner's id instead of the `Student`. */
const outingSnapshot = z.object({
  id: z.string(),
  studentId: z.string(),
  place: z.string(),
  reason: z.string(),
  situation: z.enum(['NORMAL', 'EMERGENCY']),
  status: z.enum(OUTING_STATUSES),
  /** Unix milliseconds. */
  startsAt: z.number(),
  endsAt: z.number(),
  arrivedAt: z.number().nullable(),
  isLate: z.boolean().nullable(),
});

/** A new announcement as its writer's list shows it, with the targets from the write. */
const announcementSnapshot = z.object({
  id: z.string(),
  number: z.number(),
  type: z.enum(['SCHOOL', 'CLUB']),
  title: z.string(),
  writerName: z.string(),
  /** Unix milliseconds. */
  date: z.number(),
  views: z.number(),
  writerId: z.string(),
  /** `isRead` of the writer's own list row; nobody else has opened an announcement that has just appeared. */
  readByWriter: z.boolean(),
  /** The grades (1–3) and classes (1–4) a SCHOOL announcement is for; empty means nobody. */
  targetGrades: z.array(z.number()),
  targetClasses: z.array(z.number()),
});

const liveEvent = z.discriminatedUnion('topic', [
  z.object({ topic: z.literal('outing'), outing: outingSnapshot }),
  z.object({ topic: z.literal('announcement'), announcement: announcementSnapshot }),
]);

export type OutingSnapshot = z.infer<typeof outingSnapshot>;
export type AnnouncementSnapshot = z.infer<typeof announcementSnapshot>;
export type LiveEvent = z.infer<typeof liveEvent>;
export type OutingEvent = Extract<LiveEvent, { topic: 'outing' }>;
export type AnnouncementEvent = Extract<LiveEvent, { topic: 'announcement' }>;
export type LiveTopic = LiveEvent['topic'];

export const LIVE_TOPICS: readonly LiveTopic[] = ['outing', 'announcement'];

export function encodeEvent(event: LiveEvent): string {
  return JSON.stringify(event);
}

/** The event in a message, or undefined when the message is not one. */
export function decodeEvent(message: string): LiveEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(message);
  } catch {
    return undefined;
  }
  const parsed = liveEvent.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
