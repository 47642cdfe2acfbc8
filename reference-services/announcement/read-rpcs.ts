import type {
  CheckAnnouncementRequest,
  CheckAnnouncementResponse,
  GetAnnouncementDetailRequest,
  GetAnnouncementDetailResponse,
  GetAnnouncementsRequest,
  GetAnnouncementsResponse,
  GetMyAnnouncementsRequest,
  SearchAnnouncementsRequest,
} from '../../grpc-clients/generated/announcement/announcement';
import type { CallContext } from '../shared/implement-service';
import { audienceOf, requireRole, searchClassOf } from './callers';
import { fail } from './errors';
import { createWriterNames, toPreviews } from './previews';
import { EVERYONE, byDateDesc, decodeTarget, isVisibleTo, pageOf, targetsClass, type Audience } from './rules';
import type { AnnouncementServiceState } from './service-state';
import { isAnnouncementType, type AnnouncementRecord } from './store';

type ListReply = Partial<GetAnnouncementsResponse>;

async function listReply(
  state: AnnouncementServiceState,
  matches: AnnouncementRecord[],
  page: { start: number; count: number },
  viewerUuid: string,
  ctx: CallContext,
  size = matches.length,
): Promise<ListReply> {
  const rows = pageOf([...matches].sort(byDateDesc), page.start, page.count);
  return { status: 200, announcement: await toPreviews(rows, viewerUuid, state.lookups, ctx), size };
}

/** GetAnnouncements (route 63): one type, newest first, page-index paging; students see their class's only. */
export async function getAnnouncements(
  state: AnnouncementServiceState,
  request: GetAnnouncementsRequest,
  ctx: CallContext,
): Promise<ListReply> {
  const { type } = request;
  if (!isAnnouncementType(type)) throw fail.badType();
  requireRole(request.uuid);
  const audience = type === 'school' ? await audienceOf(request.uuid, state.lookups, ctx) : EVERYONE;
  const matches = state.store.all().filter((r) => r.type === type && isVisibleTo(r, audience));
  return listReply(state, matches, request, request.uuid, ctx);
}

/** The nearest announcement by `number` in `direction` of the same type that the caller may see. */
function neighbour(
  state: AnnouncementServiceState,
  current: AnnouncementRecord,
  audience: Audience,
  direction: 'next' | 'previous',
): AnnouncementRecord | undefined {
  const sameType = state.store.all().filter((r) => r.type === current.type && isVisibleTo(r, audience));
  if (direction === 'next') return sameType.find((r) => r.number > current.number);
  return sameType.reverse().find((r) => r.number < current.number);
}

/**
 * GetAnnouncementDetail (route 64): any caller may open any announcement; opening marks it read. Next/previous
 * follow `number` within the same type (next = the following number, i.e. newer), skipping school announcements a
 * student is not targeted by (legacy-api.md §4.5).
 */
export async function getAnnouncementDetail(
  state: AnnouncementServiceState,
  request: GetAnnouncementDetailRequest,
  ctx: CallContext,
): Promise<Partial<GetAnnouncementDetailResponse>> {
  const record = state.store.get(request.announcementId);
  if (!record) throw fail.notFound();
  requireRole(request.uuid);
  record.readAccounts.add(request.uuid);
  const audience = record.type === 'school' ? await audienceOf(request.uuid, state.lookups, ctx) : EVERYONE;
  const next = neighbour(state, record, audience, 'next');
  const previous = neighbour(state, record, audience, 'previous');
  const writerName = await createWriterNames(state.lookups, ctx)(record);
  return {
    status: 200,
    title: record.title,
    date: record.date,
    content: JSON.stringify(record.content),
    writerName,
    nextTitle: next?.title ?? '',
    nextAnnouncementId: next?.uuid ?? '',
    previousTitle: previous?.title ?? '',
    previousAnnouncementId: previous?.uuid ?? '',
    targetGrade: decodeTarget(record.targetGrade),
    targetGroup: decodeTarget(record.targetGroup),
    announcementType: record.type,
  };
}

/** CheckAnnouncement (route 67): per type, 1 when an announcement the student can see is still unread. */
export async function checkAnnouncement(
  state: AnnouncementServiceState,
  request: CheckAnnouncementRequest,
  ctx: CallContext,
): Promise<Partial<CheckAnnouncementResponse>> {
  if (requireRole(request.uuid) !== 'student') throw fail.forbidden();
  const audience = await audienceOf(request.uuid, state.lookups, ctx);
  const unread = (type: string) =>
    state.store.all().some((r) => r.type === type && isVisibleTo(r, audience) && !r.readAccounts.has(request.uuid))
      ? 1
      : 0;
  return { status: 200, school: unread('school'), club: unread('club') };
}

/** SearchAnnouncements (route 68): title substring within one type, newest first, page-index paging. */
export async function searchAnnouncements(
  state: AnnouncementServiceState,
  request: SearchAnnouncementsRequest,
  ctx: CallContext,
): Promise<ListReply> {
  const { type } = request;
  if (!isAnnouncementType(type)) throw fail.badType();
  // MySQL `LIKE %query%` under the default case-insensitive collation.
  const query = request.query.toLowerCase();
  const titleMatches = state.store.all().filter((r) => r.type === type && r.title.toLowerCase().includes(query));
  if (type === 'club') {
    requireRole(request.uuid);
    return listReply(state, titleMatches, request, request.uuid, ctx);
  }
  const ownClass = await searchClassOf(request.uuid, state.lookups, ctx);
  const targeted = titleMatches.filter((r) => targetsClass(r, ownClass));
  // QUIRK (legacy-api.md §4.5): for school-type search `size` counts every title match, ignoring targeting.
  return listReply(state, targeted, request, request.uuid, ctx, titleMatches.length);
}

/** GetMyAnnouncements (route 69): the path writer (a teacher or admin) and only their school announcements. */
export async function getMyAnnouncements(
  state: AnnouncementServiceState,
  request: GetMyAnnouncementsRequest,
  ctx: CallContext,
): Promise<ListReply> {
  const role = requireRole(request.uuid);
  if (role !== 'teacher' && role !== 'admin') throw fail.forbidden();
  const mine = state.store.all().filter((r) => r.type === 'school' && r.writerUuid === request.uuid);
  return listReply(state, mine, request, request.uuid, ctx);
}
