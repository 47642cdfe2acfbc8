import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

interface FieldViolation {
  field: string;
  path: string;
  rule: string;
  message: string;
}

const PARENT = {
  loginId: 'newparent1',
  password: 'parent1234',
  name: '김부모',
  phoneNumber: '01077770001',
  children: [{ grade: 2, classNumber: 1, number: 1, name: '김학생' }],
};
const CREATE_PARENT = 'mutation($input: CreateParentInput!) { createParent(input: $input) { id } }';
const long = (n: number) => '가'.repeat(n);

/** [what, operation, variables, the root field, the violated path, the rule] — one row per legacy rule. */
const RULES: Array<[string, string, Record<string, unknown>, string, string, string]> = [
  // Accounts (legacy-api.md §1.2–1.5)
  [
    'login id under 4',
    CREATE_PARENT,
    { input: { ...PARENT, loginId: 'abc' } },
    'createParent',
    'input.loginId',
    'MIN_LENGTH',
  ],
  [
    'login id over 16',
    CREATE_PARENT,
    { input: { ...PARENT, loginId: 'a'.repeat(17) } },
    'createParent',
    'input.loginId',
    'MAX_LENGTH',
  ],
  [
    'password under 4',
    CREATE_PARENT,
    { input: { ...PARENT, password: 'abc' } },
    'createParent',
    'input.password',
    'MIN_LENGTH',
  ],
  ['a Latin name', CREATE_PARENT, { input: { ...PARENT, name: 'Kim' } }, 'createParent', 'input.name', 'HANGUL_NAME'],
  [
    'a phone not 010…',
    CREATE_PARENT,
    { input: { ...PARENT, phoneNumber: '01177770001' } },
    'createParent',
    'input.phoneNumber',
    'PHONE_010',
  ],
  [
    'a child grade 4',
    CREATE_PARENT,
    { input: { ...PARENT, children: [{ ...PARENT.children[0], grade: 4 }] } },
    'createParent',
    'input.children[0].grade',
    'MAX',
  ],
  [
    'a child class 0',
    CREATE_PARENT,
    { input: { ...PARENT, children: [{ ...PARENT.children[0], classNumber: 0 }] } },
    'createParent',
    'input.children[0].classNumber',
    'MIN',
  ],
  [
    'a child number 22',
    CREATE_PARENT,
    { input: { ...PARENT, children: [{ ...PARENT.children[0], number: 22 }] } },
    'createParent',
    'input.children[0].number',
    'MAX',
  ],
  [
    'a child name of 5',
    CREATE_PARENT,
    { input: { ...PARENT, children: [{ ...PARENT.children[0], name: long(5) }] } },
    'createParent',
    'input.children[0].name',
    'HANGUL_NAME',
  ],
  [
    'a homeroom grade 4',
    'mutation { registerTeacher(input: { loginId: "teach9", password: "teach1234", name: "김선생", phoneNumber: "01077770002", grade: 4 }) { id } }',
    {},
    'registerTeacher',
    'input.grade',
    'MAX',
  ],
  [
    'an empty login id',
    'mutation { loginAdmin(id: "", password: "x") { accessToken } }',
    {},
    'loginAdmin',
    'id',
    'MIN_LENGTH',
  ],
  [
    'a new password over 16',
    'mutation { changeStudentPassword(currentPassword: "student1234", newPassword: "abcdefghijklmnopq") { id } }',
    {},
    'changeStudentPassword',
    'newPassword',
    'MAX_LENGTH',
  ],
  [
    'a teacher id as a student id',
    'mutation { changeStudentPassword(id: "teacher-000000000001", currentPassword: "x", newPassword: "abcd") { id } }',
    {},
    'changeStudentPassword',
    'id',
    'LEGACY_ID_STUDENT',
  ],
  [
    'a teacher phone with dashes',
    'mutation { changeTeacherPhoneNumber(phoneNumber: "010-7777-0003") { id } }',
    {},
    'changeTeacherPhoneNumber',
    'phoneNumber',
    'PHONE_010',
  ],
  [
    'auth code 0',
    'mutation { signUpWithAuthCode(authCode: 0, loginId: "abcd", password: "abcd") { id } }',
    {},
    'signUpWithAuthCode',
    'authCode',
    'MIN',
  ],
  ['a malformed student id', 'query { student(id: "x") { id } }', {}, 'student', 'id', 'LEGACY_ID_STUDENT'],
  [
    'a malformed id in a list',
    'query { studentsByIds(ids: ["student-000000000001", "parent-000000000001"]) { id } }',
    {},
    'studentsByIds',
    'ids[1]',
    'LEGACY_ID_STUDENT',
  ],
  [
    'a malformed parent id',
    'query { parent(id: "student-000000000001") { id } }',
    {},
    'parent',
    'id',
    'LEGACY_ID_PARENT',
  ],
  // Clubs (§1.6, §4.3)
  ['a negative club offset', 'query { clubs(offset: -1) { id } }', {}, 'clubs', 'offset', 'MIN'],
  ['a negative recruitment limit', 'query { recruitments(limit: -1) { id } }', {}, 'recruitments', 'limit', 'MIN'],
  [
    'a concept over 40',
    `mutation { modifyClub(id: "club-000000000001", concept: "${long(41)}") { id } }`,
    {},
    'modifyClub',
    'concept',
    'MAX_LENGTH',
  ],
  [
    'an introduction over 100',
    `mutation { modifyClub(id: "club-000000000001", introduction: "${long(101)}") { id } }`,
    {},
    'modifyClub',
    'introduction',
    'MAX_LENGTH',
  ],
  [
    'a link over 100',
    `mutation { modifyClub(id: "club-000000000001", link: "${'x'.repeat(101)}") { id } }`,
    {},
    'modifyClub',
    'link',
    'MAX_LENGTH',
  ],
  ['a malformed club id', 'mutation { deleteClub(id: "club-1") }', {}, 'deleteClub', 'id', 'LEGACY_ID_CLUB'],
  [
    'a non-student new member',
    'mutation { addClubMember(clubId: "club-000000000001", studentId: "parent-000000000001") { id } }',
    {},
    'addClubMember',
    'studentId',
    'LEGACY_ID_STUDENT',
  ],
  [
    'an empty recruitment concept',
    'mutation { registerRecruitment(clubId: "club-000000000001", concept: "", members: [{ grade: 1, field: "백엔드", number: 1 }]) { id } }',
    {},
    'registerRecruitment',
    'concept',
    'MIN_LENGTH',
  ],
  [
    'no recruitment lines',
    'mutation { registerRecruitment(clubId: "club-000000000001", concept: "모집", members: []) { id } }',
    {},
    'registerRecruitment',
    'members',
    'MIN_ITEMS',
  ],
  [
    'a wanted grade 4',
    'mutation { registerRecruitment(clubId: "club-000000000001", concept: "모집", members: [{ grade: 4, field: "백엔드", number: 1 }]) { id } }',
    {},
    'registerRecruitment',
    'members[0].grade',
    'MAX',
  ],
  [
    'a wanted field over 20',
    `mutation { registerRecruitment(clubId: "club-000000000001", concept: "모집", members: [{ grade: 1, field: "${long(21)}", number: 1 }]) { id } }`,
    {},
    'registerRecruitment',
    'members[0].field',
    'MAX_LENGTH',
  ],
  [
    '21 wanted students',
    'mutation { modifyRecruitment(id: "recruitment-000000000001", members: [{ grade: 1, field: "백엔드", number: 21 }]) { id } }',
    {},
    'modifyRecruitment',
    'members[0].number',
    'MAX',
  ],
  // Outings (§1.7)
  [
    'a place over 50',
    `mutation { createOuting(input: { startsAt: "2030-01-01T01:00:00Z", endsAt: "2030-01-01T02:00:00Z", place: "${'x'.repeat(51)}", reason: "병원", situation: NORMAL }) { id } }`,
    {},
    'createOuting',
    'input.place',
    'MAX_LENGTH',
  ],
  [
    'a reason over 150',
    `mutation { createOuting(input: { startsAt: "2030-01-01T01:00:00Z", endsAt: "2030-01-01T02:00:00Z", place: "병원", reason: "${long(151)}", situation: NORMAL }) { id } }`,
    {},
    'createOuting',
    'input.reason',
    'MAX_LENGTH',
  ],
  ['a malformed outing id', 'query { outing(id: "club-000000000001") { id } }', {}, 'outing', 'id', 'LEGACY_ID_OUTING'],
  [
    'a malformed confirm code',
    'mutation { approveOutingByConfirmCode(code: "1234") { id } }',
    {},
    'approveOutingByConfirmCode',
    'code',
    'LEGACY_ID_CONFIRM',
  ],
  ['a negative outing offset', 'query { myOutings(offset: -1) { id } }', {}, 'myOutings', 'offset', 'MIN'],
  // Schedule (§1.8)
  ['year 0', 'query { calendar(year: 0, month: 1) { id } }', {}, 'calendar', 'year', 'MIN'],
  ['month 13', 'query { calendar(year: 2026, month: 13) { id } }', {}, 'calendar', 'month', 'MAX'],
  ['0 timetable days', 'query { timetable(date: "2026-11-02", days: 0) { date } }', {}, 'timetable', 'days', 'MIN'],
  [
    'a detail over 100',
    `mutation { createCalendarEvent(input: { startDate: "2026-11-02", endDate: "2026-11-02", detail: "${long(101)}" }) { id } }`,
    {},
    'createCalendarEvent',
    'input.detail',
    'MAX_LENGTH',
  ],
  [
    'a 12-digit schedule id',
    'mutation { deleteCalendarEvent(id: "schedule-000000000001") }',
    {},
    'deleteCalendarEvent',
    'id',
    'LEGACY_ID_SCHEDULE',
  ],
  // Announcements (§1.9, §4.5)
  [
    'a title over 50',
    `mutation { createAnnouncement(input: { type: SCHOOL, title: "${long(51)}", content: {} }) }`,
    {},
    'createAnnouncement',
    'input.title',
    'MAX_LENGTH',
  ],
  [
    'content over 1000 as JSON',
    'mutation($c: JSONObject!) { createAnnouncement(input: { type: CLUB, title: "t", content: $c }) }',
    { c: { text: 'x'.repeat(990) } },
    'createAnnouncement',
    'input.content',
    'MAX_JSON_LENGTH',
  ],
  [
    'target grade 4',
    'mutation { createAnnouncement(input: { type: SCHOOL, title: "t", content: {}, targetGrades: [1, 4] }) }',
    {},
    'createAnnouncement',
    'input.targetGrades[1]',
    'MAX',
  ],
  [
    'target class 0',
    'mutation { updateAnnouncement(id: "announcement-000000000001", input: { title: "t", content: {}, targetClasses: [0] }) }',
    {},
    'updateAnnouncement',
    'input.targetClasses[0]',
    'MIN',
  ],
  ['page size 101', 'query { announcements(type: SCHOOL, size: 101) { total } }', {}, 'announcements', 'size', 'MAX'],
  [
    'page -1',
    'query { searchAnnouncements(type: CLUB, query: "x", page: -1) { total } }',
    {},
    'searchAnnouncements',
    'page',
    'MIN',
  ],
  [
    'a club id as a writer',
    'query { announcementsByWriter(writerId: "club-000000000001") { total } }',
    {},
    'announcementsByWriter',
    'writerId',
    'LEGACY_ID_ACCOUNT',
  ],
];

describe('input validation (@constraint): one BAD_USER_INPUT before any service call', () => {
  let gateway: GatewayHarness;
  let admin: string;
  const totalCalls = () => Object.values(gateway.services.services.callCounts()).reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    admin = await gateway.login('admin', 'admin', 'admin1234');
  });
  afterAll(() => gateway.close());

  it.each(RULES)('refuses %s, naming the field', async (_what, query, variables, field, path, rule) => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql(query, variables, { token: admin });
    expect(res.status).toBe(400);
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    const extensions = res.body.errors?.[0]?.extensions as { fields: FieldViolation[] };
    expect(extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
    expect(extensions.fields).toEqual([{ field, path, rule, message: expect.stringContaining(path) }]);
    expect(res.body.errors?.[0]?.message).toContain(path);
    expect(totalCalls()).toBe(0);
  });

  it('lists every violation of the operation in the one error, across fields', async () => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql(
      `mutation($input: CreateParentInput!) {
        createParent(input: $input) { id }
        other: changeTeacherPhoneNumber(phoneNumber: "123") { id }
      }`,
      {
        input: {
          ...PARENT,
          loginId: 'ab',
          name: 'Kim',
          phoneNumber: '0101',
          children: [{ ...PARENT.children[0], grade: 0 }],
        },
      },
      { token: admin },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    const fields = (res.body.errors?.[0]?.extensions as { fields: FieldViolation[] }).fields;
    expect(fields.map(({ field, path, rule }) => `${field}:${path}:${rule}`)).toEqual([
      'createParent:input.loginId:MIN_LENGTH',
      'createParent:input.name:HANGUL_NAME',
      'createParent:input.phoneNumber:PHONE_010',
      'createParent:input.children[0].grade:MIN',
      'other:phoneNumber:PHONE_010',
    ]);
    expect(totalCalls()).toBe(0);
  });

  it('checks before authorization: an anonymous caller with bad input learns about the input, nothing more', async () => {
    const res = await gateway.graphql('query { student(id: "nope") { id } }');
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', legacyCode: -203 });
  });

  it('lets valid input through to the service', async () => {
    gateway.services.services.resetCallCounts();
    const created = await gateway.graphql<{ createParent: { id: string } }>(
      CREATE_PARENT,
      { input: PARENT },
      { token: admin },
    );
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data?.createParent.id).toMatch(/^parent-\d{12}$/);
    expect(totalCalls()).toBeGreaterThan(0);
    // The boundaries themselves are valid: 16-character id, 4-character name, the longest JSON content.
    const edge = await gateway.graphql<{ createParent: { id: string } }>(
      CREATE_PARENT,
      { input: { ...PARENT, loginId: 'p'.repeat(16), name: '남궁민수', phoneNumber: '01077770009', children: [] } },
      { token: admin },
    );
    expect(edge.body.errors).toBeUndefined();
    const teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
    const content = { text: 'x'.repeat(1000 - JSON.stringify({ text: '' }).length) };
    const announcement = await gateway.graphql(
      `mutation($c: JSONObject!) { createAnnouncement(input: { type: SCHOOL, title: "${long(50)}", content: $c }) }`,
      { c: content },
      { token: teacher },
    );
    expect(announcement.body.errors).toBeUndefined();
  });
});
