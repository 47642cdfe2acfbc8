import { decodeTargets } from '../resolvers/announcement/target-digits';
import type { Envelope } from './envelope';
import type { RestContext } from './rest-route';
import { outingActionOf } from './route-permissions';

/** The GraphQL write a REST route performs, with GraphQL-shaped arguments and result. */
export interface GraphQLWrite {
  field: string;
  args?: Record<string, unknown>;
  /** What the mutation would have returned, where what follows the write needs it (the new object's id). */
  result?: unknown;
}

const path = (c: RestContext, name: string) => c.params[name] ?? '';

/**
 * Every REST route that changes data, as the GraphQL write that does the same, so a successful REST write is
 * followed by exactly what the GraphQL mutation's is (`cache/write-port.ts`): the same cached reads dropped
 * (`cache/invalidation-rules.ts` holds the rules themselves), the same live update event.
 */
const WRITES: Readonly<Record<number, (c: RestContext, e: Envelope) => GraphQLWrite | undefined>> = {
  3: (c) => ({ field: 'createStudent', args: { input: { parentId: c.body.parent_uuid } } }),
  4: () => ({ field: 'createParent' }),
  10: (c) => ({ field: 'changeStudentPassword', args: { id: path(c, 'student_uuid') } }),
  16: () => ({ field: 'signUpWithAuthCode' }),
  17: () => ({ field: 'registerTeacher' }),
  20: (c) => ({ field: 'changeTeacherPassword', args: { id: path(c, 'teacher_uuid') } }),
  23: (c) => ({ field: 'changeTeacherPhoneNumber', args: { id: path(c, 'teacher_uuid') } }),
  25: (c) => ({ field: 'changeParentPassword', args: { id: path(c, 'parent_uuid') } }),
  29: () => ({ field: 'createClub' }),
  41: (c) => ({ field: 'deleteClub', args: { id: path(c, 'club_uuid') } }),
  42: (c) => ({ field: 'addClubMember', args: { clubId: path(c, 'club_uuid') } }),
  43: (c) => ({ field: 'removeClubMember', args: { clubId: path(c, 'club_uuid') } }),
  44: (c) => ({ field: 'changeClubLeader', args: { clubId: path(c, 'club_uuid') } }),
  45: (c) => ({ field: 'modifyClub', args: { id: path(c, 'club_uuid') } }),
  46: (c) => ({ field: 'registerRecruitment', args: { clubId: c.body.club_uuid } }),
  47: (c) => ({ field: 'modifyRecruitment', args: { id: path(c, 'recruitment_uuid') } }),
  48: (c) => ({ field: 'deleteRecruitment', args: { id: path(c, 'recruitment_uuid') } }),
  49: (_c, e) => ({ field: 'createOuting', result: { id: e.outing_uuid } }),
  53: (c) => {
    const action = outingActionOf(path(c, 'action'));
    return action
      ? { field: action.coordinate.slice('Mutation.'.length), args: { id: path(c, 'outing_uuid') } }
      : undefined;
  },
  56: (c) => ({ field: 'changeOutingEndTime', args: { id: path(c, 'outing_uuid') } }),
  57: () => ({ field: 'createCalendarEvent' }),
  60: () => ({ field: 'updateCalendarEvent' }),
  61: () => ({ field: 'deleteCalendarEvent' }),
  // The legacy targets are digit sets (`13`: grades 1 and 3; absent: nobody), as GraphQL's lists.
  62: (c, e) => ({
    field: 'createAnnouncement',
    args: {
      input: {
        type: String(c.body.type ?? '').toUpperCase(),
        targetGrades: decodeTargets(Number(c.body.target_grade ?? 0)),
        targetClasses: decodeTargets(Number(c.body.target_group ?? 0)),
      },
    },
    result: e.announcement_uuid,
  }),
  // Reading an announcement marks it read for the caller (its unread check and lists change).
  64: (c) => ({ field: 'Query.announcement', args: { id: path(c, 'announcement_uuid') } }),
  65: (c) => ({ field: 'updateAnnouncement', args: { id: path(c, 'announcement_uuid') } }),
  66: (c) => ({ field: 'deleteAnnouncement', args: { id: path(c, 'announcement_uuid') } }),
};

export function graphqlWriteOf(routeId: number, context: RestContext, envelope: Envelope): GraphQLWrite | undefined {
  return WRITES[routeId]?.(context, envelope);
}
