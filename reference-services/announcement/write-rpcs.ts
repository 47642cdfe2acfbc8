import type {
  CreateAnnouncementRequest,
  DefaultAnnouncementResponse,
  DeleteAnnouncementRequest,
  UpdateAnnouncementRequest,
} from '../../grpc-clients/generated/announcement/announcement';
import type { CallContext } from '../shared/implement-service';
import { requireRole } from './callers';
import { fail } from './errors';
import type { AnnouncementServiceState } from './service-state';
import { encodeTarget, parseContent } from './rules';
import { isAnnouncementType, type AnnouncementRecord } from './store';

type DefaultReply = Partial<DefaultAnnouncementResponse>;

/**
 * The club a student writes for: only club-type announcements, and only as a club's leader (legacy-api.md §1.9
 * route 62). The club's name is kept on the announcement as the legacy row did.
 */
async function studentClub(state: AnnouncementServiceState, request: CreateAnnouncementRequest, ctx: CallContext) {
  if (request.type !== 'club') throw fail.forbidden();
  const clubUuid = await state.lookups.clubLedBy(request.uuid, ctx);
  if (!clubUuid) throw fail.forbidden();
  return { clubUuid, clubName: await state.lookups.clubName(clubUuid, request.uuid, ctx) };
}

/**
 * CreateAnnouncement (route 62): teachers and admins write either type; parents are not blocked (inferred). Staff
 * lead no club (club refuses teachers the leader lookup), so their club announcements carry no club and show the
 * writer's own name. An unknown type is refused with 400 like the list's (the gateway's enum rule stops it first).
 */
export async function createAnnouncement(
  state: AnnouncementServiceState,
  request: CreateAnnouncementRequest,
  ctx: CallContext,
): Promise<DefaultReply> {
  const role = requireRole(request.uuid);
  const { type } = request;
  if (!isAnnouncementType(type)) throw fail.badType();
  const club = role === 'student' ? await studentClub(state, request, ctx) : { clubUuid: '', clubName: '' };
  const content = parseContent(request.content);
  const record = state.store.insert({
    writerUuid: request.uuid,
    date: state.now(),
    title: request.title,
    targetGrade: encodeTarget(request.targetGrade),
    targetGroup: encodeTarget(request.targetGroup),
    type,
    ...club,
    content,
  });
  return { status: 201, announcementId: record.uuid };
}

function findOr404(state: AnnouncementServiceState, uuid: string): AnnouncementRecord {
  const record = state.store.get(uuid);
  if (!record) throw fail.notFound();
  return record;
}

/**
 * UpdateAnnouncement (route 65): the writer or an admin. Title, content and both targets are all overwritten, so
 * empty values erase them; empty or non-object content fails like the legacy JSON parse (500).
 */
export async function updateAnnouncement(
  state: AnnouncementServiceState,
  request: UpdateAnnouncementRequest,
): Promise<DefaultReply> {
  const role = requireRole(request.uuid);
  const record = findOr404(state, request.announcementId);
  if (role !== 'admin' && record.writerUuid !== request.uuid) throw fail.forbidden();
  const content = parseContent(request.content);
  record.title = request.title;
  record.content = content;
  record.targetGrade = encodeTarget(request.targetGrade);
  record.targetGroup = encodeTarget(request.targetGroup);
  return { status: 200, announcementId: record.uuid };
}

/** DeleteAnnouncement (route 66): the writer only; admins are not special here. */
export async function deleteAnnouncement(
  state: AnnouncementServiceState,
  request: DeleteAnnouncementRequest,
): Promise<DefaultReply> {
  requireRole(request.uuid);
  const record = findOr404(state, request.announcementId);
  if (record.writerUuid !== request.uuid) throw fail.forbidden();
  state.store.remove(record.uuid);
  return { status: 200, announcementId: record.uuid };
}
