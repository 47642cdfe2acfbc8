import { createAccessTokens } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import {
  createRawClient,
  createTally,
  expectCleanRestAnswer,
  expectNoInternals,
  type RawClient,
} from '../../helpers/reliability';

/**
 * Every owned resource (an outing and its card, the timetable, a parent's children, a student's parent, a club
 * and its recruitment, an announcement, an account's password and phone) tried by every other account of every
 * role, over GraphQL and over REST: each attempt is denied, its body carries nothing of the owner's, and
 * afterwards every resource is as it was. Admins are left out only where the legacy rules give them the power.
 */
const tally = createTally('cross-user-access');
const sign = createAccessTokens(TEST_JWT_SECRET);
const ACCOUNTS = {
  admin: 'admin-000000000001',
  teacher: 'teacher-000000000001',
  student1: 'student-000000000001',
  student2: 'student-000000000002',
  student3: 'student-000000000003',
  parent: 'parent-000000000001',
} as const;
type Who = keyof typeof ACCOUNTS;
const token = (who: Who) => sign.sign(ACCOUNTS[who]).token;

// student1 owns outing 1 (waiting for the parent) and outing 4 (approved), leads DMS (club 1, recruitment 1), wrote
// announcement 4, and is parent1's child; student2 owns outing 2 (waiting for the teacher); teacher1 wrote
// announcement 1.
const OUTING_1_SECRETS = ['부모님 확인 대기'];
const OUTING_4_SECRETS = ['통장 발급', '은행'];
const CHILD_SECRETS = [ACCOUNTS.student1];
const PARENT_SECRETS = [ACCOUNTS.parent, '홍판서', '01000000301'];

const OTHERS_OF_STUDENT1: Who[] = ['student2', 'student3', 'teacher', 'parent', 'admin'];
const NON_LEADERS: Who[] = ['student2', 'student3', 'teacher', 'parent'];
const NOT_STUDENTS: Who[] = ['teacher', 'parent', 'admin'];

interface GraphQLAttempt {
  resource: string;
  query: string;
  /** Where the owner's data would be in `data`; it must be null or absent. */
  path: string[];
  secrets?: string[];
  callers: Who[];
}

const GRAPHQL_ATTEMPTS: GraphQLAttempt[] = [
  {
    resource: "student1's outing",
    query: '{ outing(id: "outing-000000000001") { id place reason status } }',
    path: ['outing'],
    secrets: OUTING_1_SECRETS,
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student1's outing card",
    query: '{ outingCard(id: "outing-000000000004") { id studentName place reason } }',
    path: ['outingCard'],
    secrets: OUTING_4_SECRETS,
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student1's outing, started",
    query: 'mutation { startOuting(id: "outing-000000000004") { id status } }',
    path: ['startOuting'],
    secrets: OUTING_4_SECRETS,
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student2's outing, approved by a non-teacher (its owner included)",
    query: 'mutation { approveOuting(id: "outing-000000000002") { id status } }',
    path: ['approveOuting'],
    callers: ['student1', 'student2', 'student3', 'parent', 'admin'],
  },
  {
    resource: "the timetable (a student's own)",
    query: '{ timetable(date: "2026-11-25") { date periods } }',
    path: ['timetable'],
    callers: NOT_STUDENTS,
  },
  {
    resource: "parent1's children",
    query: '{ parent(id: "parent-000000000001") { id children { id name } } }',
    path: ['parent', 'children'],
    secrets: CHILD_SECRETS,
    callers: ['student1', 'student2', 'student3', 'teacher'],
  },
  {
    resource: "student1's parent",
    query: '{ student(id: "student-000000000001") { id parent { id name phoneNumber } } }',
    path: ['student', 'parent'],
    secrets: PARENT_SECRETS,
    callers: ['student2', 'student3', 'teacher', 'parent'],
  },
  {
    resource: 'DMS, modified',
    query: 'mutation { modifyClub(id: "club-000000000001", concept: "hijacked") { id concept } }',
    path: ['modifyClub'],
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, a member added',
    query: 'mutation { addClubMember(clubId: "club-000000000001", studentId: "student-000000000003") { id } }',
    path: ['addClubMember'],
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, a member removed',
    query: 'mutation { removeClubMember(clubId: "club-000000000001", studentId: "student-000000000002") { id } }',
    path: ['removeClubMember'],
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, its leader changed',
    query: 'mutation { changeClubLeader(clubId: "club-000000000001", newLeaderId: "student-000000000002") { id } }',
    path: ['changeClubLeader'],
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, deleted',
    query: 'mutation { deleteClub(id: "club-000000000001") }',
    path: ['deleteClub'],
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, a recruitment opened',
    query:
      'mutation { registerRecruitment(clubId: "club-000000000001", concept: "hijacked", members: [{ grade: 1, field: "x", number: 1 }]) { id } }',
    path: ['registerRecruitment'],
    callers: NON_LEADERS,
  },
  {
    resource: "DMS's recruitment, modified",
    query: 'mutation { modifyRecruitment(id: "recruitment-000000000001", concept: "hijacked") { id } }',
    path: ['modifyRecruitment'],
    callers: NON_LEADERS,
  },
  {
    resource: "DMS's recruitment, deleted",
    query: 'mutation { deleteRecruitment(id: "recruitment-000000000001") }',
    path: ['deleteRecruitment'],
    callers: NON_LEADERS,
  },
  {
    resource: "teacher1's announcement, updated",
    query:
      'mutation { updateAnnouncement(id: "announcement-000000000001", input: { title: "hijacked", content: {} }) }',
    path: ['updateAnnouncement'],
    callers: ['student1', 'student2', 'student3', 'parent'],
  },
  {
    resource: "teacher1's announcement, deleted",
    query: 'mutation { deleteAnnouncement(id: "announcement-000000000001") }',
    path: ['deleteAnnouncement'],
    callers: ['student1', 'student2', 'student3', 'parent', 'admin'],
  },
  {
    resource: "student1's club announcement, updated",
    query:
      'mutation { updateAnnouncement(id: "announcement-000000000004", input: { title: "hijacked", content: {} }) }',
    path: ['updateAnnouncement'],
    callers: NON_LEADERS,
  },
  {
    resource: "student1's club announcement, deleted",
    query: 'mutation { deleteAnnouncement(id: "announcement-000000000004") }',
    path: ['deleteAnnouncement'],
    callers: [...NON_LEADERS, 'admin'],
  },
  {
    resource: "student1's password",
    query:
      'mutation { changeStudentPassword(id: "student-000000000001", currentPassword: "student1234", newPassword: "hijack12") { id } }',
    path: ['changeStudentPassword'],
    callers: ['student2', 'student3', 'teacher', 'parent'],
  },
  {
    resource: "teacher1's password",
    query:
      'mutation { changeTeacherPassword(id: "teacher-000000000001", currentPassword: "teacher1234", newPassword: "hijack12") { id } }',
    path: ['changeTeacherPassword'],
    callers: ['student1', 'student2', 'parent'],
  },
  {
    resource: "teacher1's phone number",
    query: 'mutation { changeTeacherPhoneNumber(id: "teacher-000000000001", phoneNumber: "01099998888") { id } }',
    path: ['changeTeacherPhoneNumber'],
    callers: ['student1', 'student2', 'parent'],
  },
  {
    resource: "parent1's password",
    query:
      'mutation { changeParentPassword(id: "parent-000000000001", currentPassword: "parent1234", newPassword: "hijack12") { id } }',
    path: ['changeParentPassword'],
    callers: ['student1', 'student2', 'teacher'],
  },
];

interface RestAttempt {
  resource: string;
  method: string;
  path: string;
  json?: unknown;
  secrets?: string[];
  callers: Who[];
}

const REST_ATTEMPTS: RestAttempt[] = [
  {
    resource: "student1's outing (51)",
    method: 'GET',
    path: '/v1/outings/uuid/outing-000000000001',
    secrets: OUTING_1_SECRETS,
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student1's outing card (52)",
    method: 'GET',
    path: '/v1/outings/uuid/outing-000000000004/card',
    secrets: OUTING_4_SECRETS,
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student1's outings (50)",
    method: 'GET',
    path: '/v1/students/uuid/student-000000000001/outings',
    secrets: [...OUTING_1_SECRETS, ...OUTING_4_SECRETS],
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student1's outing, started (53)",
    method: 'POST',
    path: '/v1/outings/uuid/outing-000000000004/actions/start',
    callers: OTHERS_OF_STUDENT1,
  },
  {
    resource: "student2's outing, approved by a non-teacher (53)",
    method: 'POST',
    path: '/v1/outings/uuid/outing-000000000002/actions/teacher-approve',
    callers: ['student1', 'student2', 'student3', 'parent', 'admin'],
  },
  {
    resource: "student2's outing, end time moved by a non-teacher (56)",
    method: 'PATCH',
    path: '/v1/outings/uuid/outing-000000000002',
    json: { end_time: 1_790_000_000 },
    callers: ['student1', 'student2', 'student3', 'parent', 'admin'],
  },
  {
    resource: 'the timetable (59)',
    method: 'GET',
    path: '/v1/time-tables/years/2026/months/11/days/25',
    callers: NOT_STUDENTS,
  },
  {
    resource: "parent1's children (28)",
    method: 'GET',
    path: '/v1/parents/uuid/parent-000000000001/children',
    secrets: CHILD_SECRETS,
    callers: ['student1', 'student2', 'student3', 'teacher'],
  },
  {
    resource: "student1's parent (14)",
    method: 'GET',
    path: '/v1/students/uuid/student-000000000001/parent',
    secrets: PARENT_SECRETS,
    callers: ['student2', 'student3', 'teacher', 'parent'],
  },
  { resource: 'DMS, deleted (41)', method: 'DELETE', path: '/v1/clubs/uuid/club-000000000001', callers: NON_LEADERS },
  {
    resource: 'DMS, a member added (42)',
    method: 'POST',
    path: '/v1/clubs/uuid/club-000000000001/members',
    json: { student_uuid: ACCOUNTS.student3 },
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, a member removed (43)',
    method: 'DELETE',
    path: '/v1/clubs/uuid/club-000000000001/members/student-000000000002',
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, its leader changed (44)',
    method: 'PUT',
    path: '/v1/clubs/uuid/club-000000000001/leader',
    json: { new_leader_uuid: ACCOUNTS.student2 },
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, modified (45)',
    method: 'PATCH',
    path: '/v1/clubs/uuid/club-000000000001',
    json: { club_concept: 'hijacked' },
    callers: NON_LEADERS,
  },
  {
    resource: 'DMS, a recruitment opened (46)',
    method: 'POST',
    path: '/v1/recruitments',
    json: {
      club_uuid: 'club-000000000001',
      recruit_concept: 'hijacked',
      members: [{ grade: '1', field: 'x', number: '1' }],
    },
    callers: NON_LEADERS,
  },
  {
    resource: "DMS's recruitment, modified (47)",
    method: 'PATCH',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    json: { recruit_concept: 'hijacked' },
    callers: NON_LEADERS,
  },
  {
    resource: "DMS's recruitment, deleted (48)",
    method: 'DELETE',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    callers: NON_LEADERS,
  },
  {
    resource: "teacher1's announcement, updated (65)",
    method: 'PATCH',
    path: '/v1/announcements/uuid/announcement-000000000001',
    json: { title: 'hijacked', content: '{}' },
    callers: ['student1', 'student2', 'student3', 'parent'],
  },
  {
    resource: "teacher1's announcement, deleted (66)",
    method: 'DELETE',
    path: '/v1/announcements/uuid/announcement-000000000001',
    callers: ['student1', 'student2', 'student3', 'parent', 'admin'],
  },
  {
    resource: "student1's club announcement, updated (65)",
    method: 'PATCH',
    path: '/v1/announcements/uuid/announcement-000000000004',
    json: { title: 'hijacked', content: '{}' },
    callers: NON_LEADERS,
  },
  {
    resource: "student1's club announcement, deleted (66)",
    method: 'DELETE',
    path: '/v1/announcements/uuid/announcement-000000000004',
    callers: [...NON_LEADERS, 'admin'],
  },
  {
    resource: "student1's password (10)",
    method: 'PUT',
    path: '/v1/students/uuid/student-000000000001/password',
    json: { current_pw: 'student1234', revision_pw: 'hijack12' },
    callers: ['student2', 'student3', 'teacher', 'parent'],
  },
  {
    resource: "teacher1's password (20)",
    method: 'PUT',
    path: '/v1/teachers/uuid/teacher-000000000001/password',
    json: { current_pw: 'teacher1234', revision_pw: 'hijack12' },
    callers: ['student1', 'student2', 'parent'],
  },
  {
    resource: "teacher1's phone number (23)",
    method: 'PATCH',
    path: '/v1/teachers/uuid/teacher-000000000001',
    json: { phone_number: '01099998888' },
    callers: ['student1', 'student2', 'parent'],
  },
  {
    resource: "parent1's password (25)",
    method: 'PUT',
    path: '/v1/parents/uuid/parent-000000000001/password',
    json: { current_pw: 'parent1234', revision_pw: 'hijack12' },
    callers: ['student1', 'student2', 'teacher'],
  },
];

let gateway: GatewayHarness;
let client: RawClient;

/** What the owners see of their resources; compared before and after every attempt. */
async function snapshot() {
  const ask = async (who: Who, query: string) => (await gateway.graphql(query, {}, { token: token(who) })).body;
  return {
    outings: await ask(
      'student1',
      '{ a: outing(id: "outing-000000000001") { status } b: outing(id: "outing-000000000004") { status reason } }',
    ),
    outing2: await ask('student2', '{ outing(id: "outing-000000000002") { status endsAt } }'),
    club: await ask(
      'student1',
      '{ club(id: "club-000000000001") { concept leader { id } members { id } currentRecruitment { id concept } } }',
    ),
    announcements: await ask(
      'teacher',
      '{ a: announcement(id: "announcement-000000000001") { title } b: announcement(id: "announcement-000000000004") { title } }',
    ),
    teacher: await ask('admin', '{ teacher(id: "teacher-000000000001") { phoneNumber } }'),
  };
}
let before: Awaited<ReturnType<typeof snapshot>>;

beforeAll(async () => {
  gateway = await startGatewayHarness();
  client = createRawClient(gateway.url);
  before = await snapshot();
});
afterAll(async () => {
  client.close();
  tally.flush();
  await gateway.close();
});

const valueAt = (data: unknown, path: string[]): unknown =>
  path.reduce<unknown>(
    (value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined),
    data,
  );

const expectNoSecrets = (text: string, secrets: string[] = []) => {
  expectNoInternals(text);
  for (const secret of secrets) expect(text).not.toContain(secret);
};

describe('cross-user access: every owned resource, every other role', () => {
  describe.each(GRAPHQL_ATTEMPTS)('GraphQL: $resource', ({ query, path, secrets, callers }) => {
    it.each(callers)('%s is denied and sees nothing of it', async (who) => {
      tally.add('GraphQL cross-user attempts');
      const answer = await client.send({
        method: 'POST',
        path: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token(who)}` },
        body: JSON.stringify({ query }),
      });
      expectNoSecrets(answer.text, secrets);
      const body = JSON.parse(answer.text) as { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
      expect(valueAt(body.data, path) ?? null).toBeNull();
      expect(body.errors?.map((e) => e.extensions?.code)).toContainEqual(
        expect.stringMatching(/^(FORBIDDEN|UNAUTHENTICATED)$/),
      );
    });
  });

  describe.each(REST_ATTEMPTS)('REST: $resource', ({ method, path, json, secrets, callers }) => {
    it.each(callers)('%s is denied and sees nothing of it', async (who) => {
      tally.add('REST cross-user attempts');
      const answer = await client.send({
        method,
        path,
        headers: {
          authorization: `Bearer ${token(who)}`,
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });
      expectNoSecrets(answer.text, secrets);
      const envelope = expectCleanRestAnswer(answer, method);
      expect([401, 403]).toContain(answer.status);
      // The bare envelope: no data field beside status, code and message.
      expect(Object.keys(envelope ?? {}).sort()).toEqual(['code', 'message', 'status']);
    });
  });

  it('leaves every resource as its owner had it, and every owner can still log in', async () => {
    expect(await snapshot()).toEqual(before);
    await expect(gateway.login('student', 'student1', 'student1234')).resolves.toEqual(expect.any(String));
    await expect(gateway.login('teacher', 'teacher1', 'teacher1234')).resolves.toEqual(expect.any(String));
    await expect(gateway.login('parent', 'parent1', 'parent1234')).resolves.toEqual(expect.any(String));
  });

  it('the owners themselves are not denied (the attempts above were refused for who made them)', async () => {
    const own = await gateway.graphql(
      '{ outing(id: "outing-000000000001") { reason } parent(id: "parent-000000000001") { children { id } } }',
      {},
      { token: token('student1') },
    );
    expect(own.body.data?.outing).toEqual({ reason: OUTING_1_SECRETS[0] });
    const children = await gateway.graphql(
      '{ parent(id: "parent-000000000001") { children { id } } }',
      {},
      { token: token('parent') },
    );
    expect(children.body.data).toEqual({ parent: { children: [{ id: ACCOUNTS.student1 }] } });
  });
});
