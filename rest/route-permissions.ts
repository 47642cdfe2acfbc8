import type { RestContext } from './rest-route';

/**
 * Which GraphQL field does each legacy route's job, so a REST request is judged by the same authorization rule
 * (`permissions/`) and counted against the same `@rateLimit` buckets as the GraphQL call that does the same.
 * The arguments are GraphQL-shaped (`{ id }`, `{ clubId }`, `{ input: { type } }`), taken from the path and body,
 * because the rules and the ARGUMENT rate-limit keys read them by their GraphQL names.
 */
export interface RouteField {
  /** `Type.field`: a root field, or `Student.parent` / `Parent.children` for the two relationship routes. */
  coordinate: string;
  args: Record<string, unknown>;
  /** The object a non-root field belongs to (what its resolver's parent would be). */
  parent?: Record<string, unknown>;
}

/**
 * How the legacy service answered a role refusal on the route, kept for REST clients (design.md §6: keep what
 * clients observe): auth 403 code 0; club 403 with −1711/−1712 from the rule (code 0 for the read routes);
 * outing 403 −2601; schedule 401 code 0 "UnAuthorized"; announcement 403 −1000.
 */
export type DenialStyle = 'auth' | 'club' | 'outing' | 'schedule' | 'announcement';

export interface RoutePermission {
  denial: DenialStyle;
  /** The field of this request; undefined when the request names no field (route 53's unknown action → 404). */
  field(context: RestContext): RouteField | undefined;
  /**
   * Set where the legacy system let a call through that the GraphQL rule refuses: REST skips the rule (legacy
   * clients must not notice), and the service decides as it did. The reason is the comment.
   */
  skipRule?: string;
  /** Route 53 checks the token itself (the parent actions need none): true when this request needs one. */
  needsToken?(context: RestContext): boolean;
}

const path = (c: RestContext, name: string): string => c.params[name] ?? '';
const root =
  (coordinate: string, args: Record<string, unknown> = {}) =>
  (): RouteField => ({ coordinate, args });
const withPath =
  (coordinate: string, argName: string, paramName: string) =>
  (c: RestContext): RouteField => ({ coordinate, args: { [argName]: path(c, paramName) } });

/**
 * Route 53's actions as the GraphQL mutations that do the same, and whether the action needs a token (the parent
 * actions use a confirm code instead). rest/write-invalidations.ts reads the same table.
 */
export const OUTING_ACTIONS: Readonly<Record<string, { coordinate: string; token: boolean }>> = {
  start: { coordinate: 'Mutation.startOuting', token: true },
  end: { coordinate: 'Mutation.endOuting', token: true },
  'teacher-approve': { coordinate: 'Mutation.approveOuting', token: true },
  'teacher-reject': { coordinate: 'Mutation.rejectOuting', token: true },
  certify: { coordinate: 'Mutation.certifyOuting', token: true },
  'parent-approve': { coordinate: 'Mutation.approveOutingByConfirmCode', token: false },
  'parent-reject': { coordinate: 'Mutation.rejectOutingByConfirmCode', token: false },
};

/** Own keys only: a path like `.../actions/constructor` must not find an inherited property. */
export const outingActionOf = (name: string) =>
  Object.hasOwn(OUTING_ACTIONS, name) ? OUTING_ACTIONS[name] : undefined;

function outingAction(c: RestContext): RouteField | undefined {
  const action = outingActionOf(path(c, 'action'));
  if (!action) return undefined;
  const args = action.token ? { id: path(c, 'outing_uuid') } : { code: String(c.body.code ?? '') };
  return { coordinate: action.coordinate, args };
}

const login =
  (coordinate: string, idField: string) =>
  (c: RestContext): RouteField => ({ coordinate, args: { id: String(c.body[idField] ?? '') } });

/** Every legacy route 3–69 (legacy-api.md §1; test/unit/graphql/legacy-route-coverage.test.ts has the same table). */
export const ROUTE_PERMISSIONS: Readonly<Record<number, RoutePermission>> = {
  // Auth — admin
  3: { denial: 'auth', field: root('Mutation.createStudent') },
  4: { denial: 'auth', field: root('Mutation.createParent') },
  5: { denial: 'auth', field: login('Mutation.loginAdmin', 'admin_id') },
  6: { denial: 'auth', field: root('Mutation.sendJoinSms') },
  7: { denial: 'auth', field: root('Mutation.importUnsignedStudents') },
  8: {
    denial: 'auth',
    field: (c) => ({ coordinate: 'Mutation.importUnsignedStudents', args: { sheet: path(c, 'sheet') } }),
  },
  // Auth — student
  9: { denial: 'auth', field: login('Mutation.loginStudent', 'student_id') },
  10: { denial: 'auth', field: withPath('Mutation.changeStudentPassword', 'id', 'student_uuid') },
  11: { denial: 'auth', field: withPath('Query.student', 'id', 'student_uuid') },
  12: { denial: 'auth', field: root('Query.students') },
  13: { denial: 'auth', field: root('Query.studentsByIds') },
  14: {
    denial: 'auth',
    field: (c) => ({ coordinate: 'Student.parent', args: {}, parent: { id: path(c, 'student_uuid') } }),
  },
  15: {
    denial: 'auth',
    field: (c) => ({ coordinate: 'Query.unsignedStudent', args: { authCode: Number(path(c, 'auth_code')) } }),
  },
  16: {
    denial: 'auth',
    field: (c) => ({
      coordinate: 'Mutation.signUpWithAuthCode',
      args: { authCode: Number(c.body.auth_code), loginId: String(c.body.student_id ?? '') },
    }),
  },
  // Auth — teacher
  17: { denial: 'auth', field: root('Mutation.registerTeacher') },
  18: { denial: 'auth', field: login('Mutation.loginTeacher', 'teacher_id') },
  // The PICK login is `loginTeacher(via: PICK)`: one field, so one login budget for both routes.
  19: { denial: 'auth', field: login('Mutation.loginTeacher', 'teacher_id') },
  20: { denial: 'auth', field: withPath('Mutation.changeTeacherPassword', 'id', 'teacher_uuid') },
  21: { denial: 'auth', field: withPath('Query.teacher', 'id', 'teacher_uuid') },
  22: { denial: 'auth', field: root('Query.teachers') },
  23: { denial: 'auth', field: withPath('Mutation.changeTeacherPhoneNumber', 'id', 'teacher_uuid') },
  // Auth — parent
  24: { denial: 'auth', field: login('Mutation.loginParent', 'parent_id') },
  25: { denial: 'auth', field: withPath('Mutation.changeParentPassword', 'id', 'parent_uuid') },
  26: { denial: 'auth', field: withPath('Query.parent', 'id', 'parent_uuid') },
  27: { denial: 'auth', field: root('Query.parents') },
  28: {
    denial: 'auth',
    field: (c) => ({ coordinate: 'Parent.children', args: {}, parent: { id: path(c, 'parent_uuid') } }),
  },
  // Club
  29: { denial: 'club', field: root('Mutation.createClub') },
  30: { denial: 'club', field: root('Query.clubs') },
  31: { denial: 'club', field: root('Query.recruitments') },
  32: { denial: 'club', field: root('Query.clubsByIds') },
  33: { denial: 'club', field: withPath('Query.club', 'id', 'club_uuid') },
  34: { denial: 'club', field: withPath('Query.recruitment', 'id', 'recruitment_uuid') },
  35: {
    denial: 'club',
    field: (c) => ({ coordinate: 'Club.currentRecruitment', args: {}, parent: { id: path(c, 'club_uuid') } }),
  },
  36: { denial: 'club', field: () => ({ coordinate: 'Club.currentRecruitment', args: {}, parent: {} }) },
  37: { denial: 'club', field: root('Query.clubFields') },
  38: { denial: 'club', field: root('Query.clubCount') },
  39: { denial: 'club', field: root('Query.currentRecruitmentCount') },
  40: { denial: 'club', field: withPath('Query.clubOfLeader', 'leaderId', 'leader_uuid') },
  41: { denial: 'club', field: withPath('Mutation.deleteClub', 'id', 'club_uuid') },
  42: { denial: 'club', field: withPath('Mutation.addClubMember', 'clubId', 'club_uuid') },
  43: { denial: 'club', field: withPath('Mutation.removeClubMember', 'clubId', 'club_uuid') },
  44: { denial: 'club', field: withPath('Mutation.changeClubLeader', 'clubId', 'club_uuid') },
  45: { denial: 'club', field: withPath('Mutation.modifyClub', 'id', 'club_uuid') },
  46: {
    denial: 'club',
    field: (c) => ({ coordinate: 'Mutation.registerRecruitment', args: { clubId: String(c.body.club_uuid ?? '') } }),
  },
  47: { denial: 'club', field: withPath('Mutation.modifyRecruitment', 'id', 'recruitment_uuid') },
  48: { denial: 'club', field: withPath('Mutation.deleteRecruitment', 'id', 'recruitment_uuid') },
  // Outing
  49: { denial: 'outing', field: root('Mutation.createOuting') },
  // `myOutings` is the caller's own list; whose outings the path names is still the outing service's check.
  50: { denial: 'outing', field: root('Query.myOutings') },
  51: { denial: 'outing', field: withPath('Query.outing', 'id', 'outing_uuid') },
  52: { denial: 'outing', field: withPath('Query.outingCard', 'id', 'outing_uuid') },
  53: {
    denial: 'outing',
    field: outingAction,
    needsToken: (c) => outingActionOf(path(c, 'action'))?.token === true,
  },
  54: { denial: 'outing', field: root('Query.outings') },
  55: { denial: 'outing', field: withPath('Query.outingByConfirmCode', 'code', 'OCode') },
  56: { denial: 'outing', field: withPath('Mutation.changeOutingEndTime', 'id', 'outing_uuid') },
  // Schedule
  57: { denial: 'schedule', field: root('Mutation.createCalendarEvent') },
  58: { denial: 'schedule', field: root('Query.calendar') },
  59: { denial: 'schedule', field: root('Query.timetable') },
  60: { denial: 'schedule', field: withPath('Mutation.updateCalendarEvent', 'id', 'schedule_uuid') },
  61: { denial: 'schedule', field: withPath('Mutation.deleteCalendarEvent', 'id', 'schedule_uuid') },
  // Announcement
  62: {
    denial: 'announcement',
    field: (c) => ({
      coordinate: 'Mutation.createAnnouncement',
      args: { input: { type: String(c.body.type ?? '').toUpperCase() } },
    }),
  },
  63: { denial: 'announcement', field: root('Query.announcements') },
  64: { denial: 'announcement', field: withPath('Query.announcement', 'id', 'announcement_uuid') },
  65: { denial: 'announcement', field: withPath('Mutation.updateAnnouncement', 'id', 'announcement_uuid') },
  66: { denial: 'announcement', field: withPath('Mutation.deleteAnnouncement', 'id', 'announcement_uuid') },
  67: {
    denial: 'announcement',
    field: root('Query.unreadAnnouncements'),
    skipRule:
      'legacy route 67 let any signed-in caller ask about a student named in the path (the path uuid, not the ' +
      'token, went to the service, legacy-api.md §1.9, §6.5); `unreadAnnouncements` is for the student ' +
      'themself. REST keeps the legacy answer: the service refuses a path uuid that is not a student (403 −1000).',
  },
  68: { denial: 'announcement', field: root('Query.searchAnnouncements') },
  69: { denial: 'announcement', field: withPath('Query.announcementsByWriter', 'writerId', 'writer_uuid') },
};

export function routePermissionOf(routeId: number): RoutePermission | undefined {
  return Object.hasOwn(ROUTE_PERMISSIONS, routeId) ? ROUTE_PERMISSIONS[routeId] : undefined;
}
