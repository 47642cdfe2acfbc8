/**
 * The authorization table: every Query and Mutation field × role, allowed or denied at the edge, as the legacy
 * routes' roles decide (legacy-api.md §1, §4.7). A denial carries the right code and legacy code and makes no
 * backend call (rules that must look up ownership make only their lookup reads, never the guarded call). An
 * allowed call may still fail in the service; it is only checked not to be refused by the rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { createAccessTokens } from '../../../core/access-tokens';
import * as planAuthorizationModule from '../../../permissions/operation-authorization';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness, type GraphQLResponse } from '../../helpers/gateway';
import { multipartRequest, type UploadFile } from '../graphql/auth/multipart-request';

type RoleName =
  'anonymous' | 'student' | 'clubLeader' | 'otherStudent' | 'teacher' | 'parent' | 'otherParent' | 'admin';

const ROLES: RoleName[] = [
  'anonymous',
  'student',
  'clubLeader',
  'otherStudent',
  'teacher',
  'parent',
  'otherParent',
  'admin',
];

/** student1 leads DMS, owns outing 4 and is parent1's child; student2 is a DMS member; student3 leads Entry. */
const ACCOUNT: Record<Exclude<RoleName, 'anonymous'>, string> = {
  student: 'student-000000000002',
  clubLeader: 'student-000000000001',
  otherStudent: 'student-000000000003',
  teacher: 'teacher-000000000001',
  parent: 'parent-000000000001',
  otherParent: 'parent-000000000099',
  admin: 'admin-000000000001',
};

const SIGNED_IN = ROLES.filter((r) => r !== 'anonymous');
const STUDENTS: RoleName[] = ['student', 'clubLeader', 'otherStudent'];
const CLUB_READERS: RoleName[] = [...STUDENTS, 'admin'];
const LEADER_OR_ADMIN: RoleName[] = ['clubLeader', 'admin'];
const TEACHER_OR_ADMIN: RoleName[] = ['teacher', 'admin'];

/** Reads an ownership rule may make before denying (with the peer reads the service makes to answer them). */
const LEADER_LOOKUP = '/club.admin.ClubStudent/GetClubUUIDWithLeaderUUID';
const RECRUITMENT_LOOKUP = '/club.admin.ClubStudent/GetRecruitmentInformWithUUID';
const OUTING_LOOKUP = '/OutingStudent/GetOutingInform';
/** The outing service asks auth whether its caller is a student. */
const OUTING_PEER_LOOKUP = '/auth.student.AuthStudent/GetStudentInformWithUUID';

const PNG: UploadFile = { bytes: Buffer.from('89504e470d0a1a0a', 'hex'), filename: 'a.png', type: 'image/png' };

interface Row {
  field: string;
  query: string;
  variables?: Record<string, unknown>;
  files?: Record<string, UploadFile>;
  allowed: RoleName[];
  /** The legacy code of a FORBIDDEN denial, per role where it differs. */
  legacyCode?: number | ((role: RoleName) => number | undefined);
  /** Reads the rule may make before denying. */
  lookups?: string[];
}

const clubLeaderCode = (role: RoleName) => (role === 'student' || role === 'otherStudent' ? -1712 : -1711);
const leaderRow = (field: string, query: string, variables?: Record<string, unknown>): Row => ({
  field,
  query,
  variables,
  allowed: LEADER_OR_ADMIN,
  legacyCode: clubLeaderCode,
  lookups: [LEADER_LOOKUP, RECRUITMENT_LOOKUP],
});
const content = { body: '내용' };

const QUERY_ROWS: Row[] = [
  { field: 'me', query: '{ me { id } }', allowed: ROLES },
  { field: 'announcements', query: '{ announcements(type: SCHOOL) { total } }', allowed: SIGNED_IN },
  {
    field: 'searchAnnouncements',
    query: '{ searchAnnouncements(type: SCHOOL, query: "a") { total } }',
    allowed: SIGNED_IN,
  },
  { field: 'announcement', query: '{ announcement(id: "announcement-000000000001") { id } }', allowed: SIGNED_IN },
  {
    field: 'announcementsByWriter',
    query: '{ announcementsByWriter(writerId: "teacher-000000000001") { total } }',
    allowed: SIGNED_IN,
  },
  { field: 'unreadAnnouncements', query: '{ unreadAnnouncements { school } }', allowed: STUDENTS, legacyCode: -1000 },
  { field: 'parent', query: '{ parent(id: "parent-000000000001") { id } }', allowed: SIGNED_IN },
  { field: 'parents', query: '{ parents(filter: { name: "김" }) { id } }', allowed: SIGNED_IN },
  { field: 'student', query: '{ student(id: "student-000000000001") { id } }', allowed: SIGNED_IN },
  { field: 'studentsByIds', query: '{ studentsByIds(ids: ["student-000000000001"]) { id } }', allowed: SIGNED_IN },
  { field: 'students', query: '{ students(filter: { grade: 2 }) { id } }', allowed: SIGNED_IN },
  { field: 'teacher', query: '{ teacher(id: "teacher-000000000001") { id } }', allowed: SIGNED_IN },
  { field: 'teachers', query: '{ teachers(filter: { grade: 2 }) { id } }', allowed: SIGNED_IN },
  { field: 'unsignedStudent', query: '{ unsignedStudent(authCode: 123456) { name } }', allowed: ROLES },
  { field: 'clubs', query: '{ clubs { id } }', allowed: CLUB_READERS },
  { field: 'club', query: '{ club(id: "club-000000000001") { id } }', allowed: CLUB_READERS },
  {
    field: 'clubsByIds',
    query: '{ clubsByIds(ids: ["club-000000000001"]) { id } }',
    allowed: [...CLUB_READERS, 'teacher'],
  },
  { field: 'clubFields', query: '{ clubFields }', allowed: CLUB_READERS },
  { field: 'clubCount', query: '{ clubCount }', allowed: CLUB_READERS },
  { field: 'clubOfLeader', query: '{ clubOfLeader(leaderId: "student-000000000001") { id } }', allowed: CLUB_READERS },
  { field: 'recruitments', query: '{ recruitments { id } }', allowed: CLUB_READERS },
  { field: 'recruitment', query: '{ recruitment(id: "recruitment-000000000001") { id } }', allowed: CLUB_READERS },
  { field: 'currentRecruitmentCount', query: '{ currentRecruitmentCount }', allowed: CLUB_READERS },
  { field: 'myOutings', query: '{ myOutings { id } }', allowed: STUDENTS, legacyCode: -2601 },
  {
    field: 'outing',
    query: '{ outing(id: "outing-000000000004") { id } }',
    allowed: ['clubLeader'],
    legacyCode: -2601,
    lookups: [OUTING_LOOKUP, OUTING_PEER_LOOKUP],
  },
  {
    field: 'outingCard',
    query: '{ outingCard(id: "outing-000000000004") { id } }',
    allowed: ['clubLeader'],
    legacyCode: -2601,
    lookups: [OUTING_LOOKUP, OUTING_PEER_LOOKUP],
  },
  { field: 'outings', query: '{ outings { id } }', allowed: ['teacher'], legacyCode: -2601 },
  {
    field: 'outingByConfirmCode',
    query: '{ outingByConfirmCode(code: "confirm-000000000001") { id } }',
    allowed: ROLES,
  },
  { field: 'calendar', query: '{ calendar(year: 2026, month: 11) { id } }', allowed: SIGNED_IN },
  { field: 'timetable', query: '{ timetable(date: "2026-11-25") { date } }', allowed: STUDENTS },
];

const MUTATION_ROWS: Row[] = [
  {
    field: 'createAnnouncement',
    query: 'mutation($c: JSONObject!) { createAnnouncement(input: { type: CLUB, title: "공지", content: $c }) }',
    variables: { c: content },
    // student3 leads Entry; student2 leads no club.
    allowed: ['clubLeader', 'otherStudent', 'teacher', 'parent', 'otherParent', 'admin'],
    legacyCode: -1000,
    lookups: [LEADER_LOOKUP],
  },
  {
    field: 'createAnnouncement',
    query: 'mutation($c: JSONObject!) { createAnnouncement(input: { type: SCHOOL, title: "공지", content: $c }) }',
    variables: { c: content },
    allowed: ['teacher', 'parent', 'otherParent', 'admin'],
    legacyCode: -1000,
  },
  {
    field: 'updateAnnouncement',
    query:
      'mutation($c: JSONObject!) { updateAnnouncement(id: "announcement-000000000004", input: { title: "t", content: $c }) }',
    variables: { c: content },
    allowed: SIGNED_IN,
  },
  {
    field: 'deleteAnnouncement',
    query: 'mutation { deleteAnnouncement(id: "announcement-000000000002") }',
    allowed: SIGNED_IN,
  },
  ...(['loginAdmin', 'loginParent', 'loginStudent', 'loginTeacher'] as const).map((field): Row => ({
    field,
    query: `mutation { ${field}(id: "nobody", password: "wrong123") { accessToken } }`,
    allowed: ROLES,
  })),
  {
    field: 'changeParentPassword',
    query:
      'mutation { changeParentPassword(id: "parent-000000000001", currentPassword: "wrong123", newPassword: "new12345") { id } }',
    allowed: ['parent', 'admin'],
  },
  {
    field: 'createParent',
    query:
      'mutation { createParent(input: { loginId: "parent77", password: "pass1234", name: "김부모", children: [] }) { id } }',
    allowed: ['admin'],
  },
  {
    field: 'changeStudentPassword',
    query:
      'mutation { changeStudentPassword(id: "student-000000000001", currentPassword: "wrong123", newPassword: "new12345") { id } }',
    allowed: ['clubLeader', 'admin'],
  },
  {
    field: 'createStudent',
    query:
      'mutation($p: Upload!) { createStudent(input: { loginId: "kid7777", password: "pass1234", grade: 3, classNumber: 4, number: 20, name: "김학생", phoneNumber: "01077778888" }, profileImage: $p) { id } }',
    files: { p: PNG },
    allowed: ['admin'],
  },
  {
    field: 'registerTeacher',
    query:
      'mutation { registerTeacher(input: { loginId: "teacher77", password: "pass1234", name: "김선생", phoneNumber: "01066667777" }) { id } }',
    allowed: ROLES,
  },
  {
    field: 'changeTeacherPassword',
    query:
      'mutation { changeTeacherPassword(id: "teacher-000000000001", currentPassword: "wrong123", newPassword: "new12345") { id } }',
    allowed: TEACHER_OR_ADMIN,
  },
  {
    field: 'changeTeacherPhoneNumber',
    query: 'mutation { changeTeacherPhoneNumber(id: "teacher-000000000001", phoneNumber: "01055556666") { id } }',
    allowed: TEACHER_OR_ADMIN,
  },
  {
    field: 'signUpWithAuthCode',
    query: 'mutation { signUpWithAuthCode(authCode: 123456, loginId: "newkid1", password: "pass1234") { id } }',
    allowed: ROLES,
  },
  {
    field: 'importUnsignedStudents',
    query: 'mutation($f: Upload!) { importUnsignedStudents(file: $f) { added } }',
    files: { f: { bytes: Buffer.from('not a workbook'), filename: 'list.xlsx' } },
    allowed: ['admin'],
  },
  { field: 'sendJoinSms', query: 'mutation { sendJoinSms(grade: 3) { sent } }', allowed: ['admin'] },
  {
    field: 'createClub',
    query:
      'mutation($l: Upload!) { createClub(input: { name: "새동아리", leaderId: "student-000000000002", memberIds: ["student-000000000002"], field: "개발", location: "302호", floor: 3 }, logo: $l) { id } }',
    files: { l: PNG },
    allowed: ['admin'],
  },
  leaderRow('modifyClub', 'mutation { modifyClub(id: "club-000000000001", concept: "새 컨셉") { id } }'),
  leaderRow(
    'addClubMember',
    'mutation { addClubMember(clubId: "club-000000000001", studentId: "student-000000000001") { id } }',
  ),
  leaderRow(
    'removeClubMember',
    'mutation { removeClubMember(clubId: "club-000000000001", studentId: "student-000000000003") { id } }',
  ),
  leaderRow(
    'changeClubLeader',
    'mutation { changeClubLeader(clubId: "club-000000000001", newLeaderId: "student-000000000001") { id } }',
  ),
  leaderRow(
    'registerRecruitment',
    'mutation { registerRecruitment(clubId: "club-000000000001", concept: "모집", members: [{ grade: 1, field: "백엔드", number: 2 }]) { id } }',
  ),
  leaderRow(
    'modifyRecruitment',
    'mutation { modifyRecruitment(id: "recruitment-000000000001", concept: "새 모집") { id } }',
  ),
  {
    field: 'createOuting',
    query:
      'mutation { createOuting(input: { startsAt: "2026-11-25T05:00:00.000Z", endsAt: "2026-11-25T07:00:00.000Z", place: "병원", reason: "진료", situation: NORMAL }) { id } }',
    allowed: STUDENTS,
    legacyCode: -2601,
  },
  {
    field: 'startOuting',
    query: 'mutation { startOuting(id: "outing-000000000004") { id } }',
    allowed: ['clubLeader'],
    legacyCode: -2601,
    lookups: [OUTING_LOOKUP, OUTING_PEER_LOOKUP],
  },
  ...(['endOuting', 'approveOuting', 'rejectOuting', 'certifyOuting'] as const).map((field): Row => ({
    field,
    query: `mutation { ${field}(id: "outing-000000000002") { id } }`,
    allowed: ['teacher'],
    legacyCode: -2601,
  })),
  {
    field: 'changeOutingEndTime',
    query: 'mutation { changeOutingEndTime(id: "outing-000000000002", endsAt: "2026-11-25T09:00:00.000Z") { id } }',
    allowed: ['teacher'],
    legacyCode: -2601,
  },
  ...(['approveOutingByConfirmCode', 'rejectOutingByConfirmCode'] as const).map((field): Row => ({
    field,
    query: `mutation { ${field}(code: "confirm-000000000001") { id } }`,
    allowed: ROLES,
  })),
  {
    field: 'createCalendarEvent',
    query:
      'mutation { createCalendarEvent(input: { startDate: "2026-12-01", endDate: "2026-12-02", detail: "행사" }) { id } }',
    allowed: TEACHER_OR_ADMIN,
  },
  {
    field: 'updateCalendarEvent',
    query:
      'mutation { updateCalendarEvent(id: "schedule-0000000000001", input: { startDate: "2026-12-01", endDate: "2026-12-02", detail: "행사" }) { id } }',
    allowed: TEACHER_OR_ADMIN,
  },
  {
    field: 'deleteCalendarEvent',
    query: 'mutation { deleteCalendarEvent(id: "schedule-0000000000002") }',
    allowed: TEACHER_OR_ADMIN,
  },
  // Last: these change who leads what, which the rows above rely on.
  leaderRow('deleteRecruitment', 'mutation { deleteRecruitment(id: "recruitment-000000000001") }'),
  leaderRow('deleteClub', 'mutation { deleteClub(id: "club-000000000001") }'),
];

const tokens = createAccessTokens(TEST_JWT_SECRET);
const tokenOf = (role: RoleName) => (role === 'anonymous' ? undefined : tokens.sign(ACCOUNT[role]).token);

describe('every Query and Mutation field has a row', () => {
  it('covers the schema', () => {
    const schema = buildSchema(readFileSync(join(__dirname, '../../../resolvers/generated/schema.graphql'), 'utf8'));
    const fields = (name: 'Query' | 'Mutation') =>
      Object.keys((name === 'Query' ? schema.getQueryType() : schema.getMutationType())?.getFields() ?? {}).sort();
    expect([...new Set(QUERY_ROWS.map((r) => r.field))].sort()).toEqual(fields('Query'));
    expect([...new Set(MUTATION_ROWS.map((r) => r.field))].sort()).toEqual(fields('Mutation'));
  });
});

describe('field × role', () => {
  let gateway: GatewayHarness;
  /** What the permission check decided for the last operation: its denials. */
  let lastDenials: unknown[] | undefined;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    const original = planAuthorizationModule.authorizeOperation;
    jest.spyOn(planAuthorizationModule, 'authorizeOperation').mockImplementation(async (...args) => {
      const denials = await original(...args);
      lastDenials = denials;
      return denials;
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await gateway?.close();
  });

  const send = (row: Row, role: RoleName): Promise<GraphQLResponse> => {
    const token = tokenOf(role);
    if (row.files) {
      return multipartRequest(gateway.url, row.query, row.variables ?? {}, row.files, token ? { token } : {});
    }
    return gateway.graphql(row.query, row.variables, token ? { token } : {});
  };

  // Per row the denied roles first: an allowed mutation may change what the later checks look up.
  const cases = [...QUERY_ROWS, ...MUTATION_ROWS].flatMap((row) => [
    ...ROLES.filter((role) => !row.allowed.includes(role)).map((role) => [row.field, role, 'denied', row] as const),
    ...row.allowed.map((role) => [row.field, role, 'allowed', row] as const),
  ]);

  it.each(cases)('%s as %s: %s', async (_field, role, expected, row) => {
    lastDenials = undefined;
    gateway.services.services.resetCallCounts();
    const res = await send(row, role);
    if (expected === 'allowed') {
      // A response-cache hit is served before execution; it is an answer this same caller was allowed before.
      if (res.headers.get('x-cache') === 'HIT') return;
      // No rule to decide at all (every field allowed) is no denial either.
      expect(lastDenials ?? []).toEqual([]);
      return;
    }
    expect((lastDenials as unknown[] | undefined)?.length).toBeGreaterThan(0); // refused by the permission check, not by a service
    expect(res.body.data ?? null).toBeNull();
    const error = res.body.errors?.[0];
    if (role === 'anonymous') {
      expect(error?.extensions).toEqual({ code: 'UNAUTHENTICATED', legacyCode: -101 });
    } else {
      const legacyCode = typeof row.legacyCode === 'function' ? row.legacyCode(role) : row.legacyCode;
      expect(error?.extensions).toEqual({ code: 'FORBIDDEN', ...(legacyCode === undefined ? {} : { legacyCode }) });
    }
    expect(error?.path).toEqual([row.field]);
    const calls = gateway.services.services.callCounts();
    for (const [path, count] of Object.entries(calls)) {
      expect(row.lookups ?? []).toContain(path);
      expect(count).toBe(1);
    }
  });
});
