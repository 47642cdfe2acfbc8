import { createAccessTokens } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import { buildXlsx, UNSIGNED_STUDENT_HEADER } from '../../helpers/xlsx-workbook';
import { png, runRouteCase, TOKEN, type RouteCase } from './route-case';

const tokens = createAccessTokens(TEST_JWT_SECRET);
function studentForm(overrides: Record<string, string> = {}, withProfile = true): FormData {
  const form = new FormData();
  const fields = {
    student_id: `rest${Date.now() % 100000}`,
    student_pw: 'pass1234',
    grade: '3',
    group: '4',
    student_number: '20',
    name: '정새봄',
    phone_number: `010${String(Date.now()).slice(-8)}`,
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (withProfile) form.append('profile', png(), 'me.png');
  return form;
}

async function excelForm(filename: string, rows: Array<Array<string | number>>): Promise<FormData> {
  const form = new FormData();
  const bytes = await buildXlsx({ 명단: [UNSIGNED_STUDENT_HEADER, ...rows] });
  form.append('excel', new Blob([bytes]), filename);
  return form;
}

/** Golden envelopes: the status, code and fields a legacy client sees, route by route (legacy-api.md §1.2–§1.5). */
const CASES: RouteCase[] = [
  {
    name: '3 created',
    method: 'POST',
    path: '/v1/students',
    who: 'admin',
    form: () => studentForm(),
    status: 201,
    fields: { student_uuid: expect.stringMatching(/^student-\d{12}$/) },
  },
  {
    name: '3 student id taken −101',
    method: 'POST',
    path: '/v1/students',
    who: 'admin',
    form: () => studentForm({ student_id: 'student1' }),
    status: 409,
    code: -101,
  },
  {
    name: '3 not an admin',
    method: 'POST',
    path: '/v1/students',
    who: 'teacher1',
    form: () => studentForm(),
    status: 403,
    code: 0,
  },
  {
    name: '3 no profile −203',
    method: 'POST',
    path: '/v1/students',
    who: 'admin',
    form: () => studentForm({}, false),
    status: 400,
    code: -203,
  },
  {
    name: '3 no token −101',
    method: 'POST',
    path: '/v1/students',
    who: null,
    form: () => studentForm(),
    status: 401,
    code: -101,
  },
  {
    name: '4 created',
    method: 'POST',
    path: '/v1/parents',
    who: 'admin',
    json: {
      parent_id: 'restparent',
      parent_pw: 'pass1234',
      name: '한부모',
      children: [{ grade: 1, group: 3, student_number: 5, name: '이영희' }],
    },
    status: 201,
    fields: { parent_uuid: expect.stringMatching(/^parent-\d{12}$/) },
  },
  {
    name: '4 parent id taken −301',
    method: 'POST',
    path: '/v1/parents',
    who: 'admin',
    json: {
      parent_id: 'parent1',
      parent_pw: 'pass1234',
      name: '한부모',
      children: [{ grade: 3, group: 4, student_number: 21, name: '없는아이' }],
    },
    status: 409,
    code: -301,
  },
  {
    name: '4 no children −203',
    method: 'POST',
    path: '/v1/parents',
    who: 'admin',
    json: { parent_id: 'another', parent_pw: 'pass1234', name: '한부모' },
    status: 400,
    code: -203,
  },
  {
    name: '6 sends (both counts from SendCount)',
    method: 'POST',
    path: '/v1/join-sms/unsigned-students?grade=1',
    who: 'admin',
    status: 200,
    fields: { send_count: 1, no_send_count: 1 },
  },
  {
    name: '6 none match 404',
    method: 'POST',
    path: '/v1/join-sms/unsigned-students?grade=3',
    who: 'admin',
    status: 404,
    code: 0,
  },
  {
    name: '7 imported',
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel',
    who: 'admin',
    form: () =>
      excelForm('students.xlsx', [
        ['1301', '김하나', '"010-1111-2222"'],
        ['1302', '이두울', '"010-1111-3333"'],
      ]),
    status: 201,
    fields: { req_student_count: 2, add_count: 2, no_add_count: 0 },
  },
  {
    name: '7 a pre-profile missing 404',
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel',
    who: 'admin',
    form: () =>
      excelForm('students.xlsx', [
        ['2301', '김하나', '"010-2111-2222"'],
        ['2302', '이두울', '"010-2111-3333"'],
      ]),
    status: 404,
    code: 0,
  },
  {
    name: '7 not .xlsx −203',
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel',
    who: 'admin',
    form: () => excelForm('students.xls', []),
    status: 400,
    code: -203,
  },
  {
    name: '7 bad row 400/0',
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel',
    who: 'admin',
    form: () =>
      excelForm('students.xlsx', [
        ['9999', '김하나', '"010-1111-2222"'],
        ['1302', '이두울', '"010-1111-3333"'],
      ]),
    status: 400,
    code: 0,
  },
  {
    name: '8 unknown sheet 400/0',
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel/sheets/없는시트',
    who: 'admin',
    form: () => excelForm('students.xlsx', [['1301', '김하나', '"010-1111-2222"']]),
    status: 400,
    code: 0,
  },
  {
    name: '10 wrong current −701',
    method: 'PUT',
    path: '/v1/students/uuid/student-000000000001/password',
    who: 'student1',
    json: { current_pw: 'wrong', revision_pw: 'student1234' },
    status: 409,
    code: -701,
  },
  {
    name: '10 changed: 200 (QUIRK)',
    method: 'PUT',
    path: '/v1/students/uuid/student-000000000003/password',
    who: 'admin',
    json: { current_pw: 'student1234', revision_pw: 'student1234' },
    status: 200,
    code: 0,
  },
  {
    name: '10 someone else 403',
    method: 'PUT',
    path: '/v1/students/uuid/student-000000000001/password',
    who: 'student2',
    json: { current_pw: 'student1234', revision_pw: 'student1234' },
    status: 403,
    code: 0,
  },
  {
    name: '11 read',
    method: 'GET',
    path: '/v1/students/uuid/student-000000000001',
    who: 'teacher1',
    status: 200,
    fields: { name: '홍길동', grade: 2, group: 1, student_number: 1 },
  },
  {
    name: '11 unknown 404',
    method: 'GET',
    path: '/v1/students/uuid/student-999999999999',
    who: 'teacher1',
    status: 404,
    code: 0,
  },
  {
    name: '12 by class',
    method: 'GET',
    path: '/v1/student-uuids?grade=2&group=1',
    who: 'teacher1',
    status: 200,
    fields: { student_uuids: ['student-000000000001'] },
  },
  {
    name: '12 none match −501',
    method: 'GET',
    path: `/v1/student-uuids?name=${encodeURIComponent('없는이름')}`,
    who: 'teacher1',
    status: 409,
    code: -501,
  },
  { name: '12 no filter 407', method: 'GET', path: '/v1/student-uuids', who: 'teacher1', status: 407, code: 0 },
  {
    name: '13 rows',
    method: 'POST',
    path: '/v1/students/with-uuids',
    who: 'teacher1',
    json: { student_uuids: ['student-000000000002'] },
    status: 200,
    fields: {
      students: [
        expect.objectContaining({
          student_uuid: 'student-000000000002',
          name: '이영희',
          grade: 1,
          group: 3,
          student_number: 5,
        }),
      ],
    },
  },
  {
    name: '13 unknown −601',
    method: 'POST',
    path: '/v1/students/with-uuids',
    who: 'teacher1',
    json: { student_uuids: ['student-999999999999'] },
    status: 409,
    code: -601,
  },
  {
    name: '14 own parent',
    method: 'GET',
    path: '/v1/students/uuid/student-000000000001/parent',
    who: 'student1',
    status: 200,
    fields: { parent_uuid: 'parent-000000000001', name: '홍판서' },
  },
  {
    name: '14 someone else 403',
    method: 'GET',
    path: '/v1/students/uuid/student-000000000001/parent',
    who: 'student2',
    status: 403,
    code: 0,
  },
  {
    name: '14 no parent 409',
    method: 'GET',
    path: '/v1/students/uuid/student-000000000003/parent',
    who: 'student3',
    status: 409,
    code: 0,
  },
  {
    name: '15 by code',
    method: 'GET',
    path: '/v1/students/auth-code/123456',
    who: null,
    status: 200,
    fields: { name: '최신입', grade: 1, group: 1, student_number: 2 },
  },
  { name: '15 unknown 404', method: 'GET', path: '/v1/students/auth-code/999999', who: null, status: 404, code: 0 },
  {
    name: '15 not a number −202',
    method: 'GET',
    path: '/v1/students/auth-code/abc',
    who: null,
    status: 400,
    code: -202,
  },
  {
    name: '16 bad code 404',
    method: 'POST',
    path: '/v1/students/with-code',
    who: null,
    json: { auth_code: 999999, student_id: 'newbie', student_pw: 'pass1234' },
    status: 404,
    code: 0,
  },
  {
    name: '16 short id −203',
    method: 'POST',
    path: '/v1/students/with-code',
    who: null,
    json: { auth_code: 123456, student_id: 'ab', student_pw: 'pass1234' },
    status: 400,
    code: -203,
  },
  {
    name: '17 registered',
    method: 'POST',
    path: '/v1/teachers',
    who: null,
    json: {
      teacher_id: 'resttch',
      teacher_pw: 'pass1234',
      grade: 0,
      group: 0,
      name: '배선생',
      phone_number: '01077778888',
    },
    status: 201,
    fields: { teacher_uuid: expect.stringMatching(/^teacher-\d{12}$/) },
  },
  {
    name: '17 id taken −201',
    method: 'POST',
    path: '/v1/teachers',
    who: null,
    json: {
      teacher_id: 'teacher1',
      teacher_pw: 'pass1234',
      grade: 0,
      group: 0,
      name: '배선생',
      phone_number: '01077779999',
    },
    status: 409,
    code: -201,
  },
  {
    name: '17 not Hangul −203',
    method: 'POST',
    path: '/v1/teachers',
    who: null,
    json: { teacher_id: 'resttch2', teacher_pw: 'pass1234', name: 'Kim', phone_number: '01077770000' },
    status: 400,
    code: -203,
  },
  {
    name: '20 wrong current −801',
    method: 'PUT',
    path: '/v1/teachers/uuid/teacher-000000000001/password',
    who: 'teacher1',
    json: { current_pw: 'wrong', revision_pw: 'teacher1234' },
    status: 409,
    code: -801,
  },
  {
    name: '21 read',
    method: 'GET',
    path: '/v1/teachers/uuid/teacher-000000000001',
    who: 'student1',
    status: 200,
    fields: { name: '김선생', grade: 2, group: 1 },
  },
  {
    name: '21 unknown 404',
    method: 'GET',
    path: '/v1/teachers/uuid/teacher-999999999999',
    who: 'student1',
    status: 404,
    code: 0,
  },
  {
    name: '22 by class',
    method: 'GET',
    path: '/v1/teacher-uuids?grade=2&group=1',
    who: 'student1',
    status: 200,
    fields: { teacher_uuids: ['teacher-000000000001'] },
  },
  {
    name: '22 none −511',
    method: 'GET',
    path: '/v1/teacher-uuids?grade=3&group=4',
    who: 'student1',
    status: 409,
    code: -511,
  },
  {
    name: '23 own phone',
    method: 'PATCH',
    path: '/v1/teachers/uuid/teacher-000000000001',
    who: 'teacher1',
    json: { phone_number: '01000000101' },
    status: 200,
    code: 0,
  },
  {
    name: '23 not 010 −203',
    method: 'PATCH',
    path: '/v1/teachers/uuid/teacher-000000000001',
    who: 'teacher1',
    json: { phone_number: '02012345678' },
    status: 400,
    code: -203,
  },
  {
    name: '23 someone else 403',
    method: 'PATCH',
    path: '/v1/teachers/uuid/teacher-000000000001',
    who: 'student1',
    json: { phone_number: '01000000101' },
    status: 403,
    code: 0,
  },
  {
    name: '25 wrong current −901',
    method: 'PUT',
    path: '/v1/parents/uuid/parent-000000000001/password',
    who: 'parent1',
    json: { current_pw: 'wrong', revision_pw: 'parent1234' },
    status: 409,
    code: -901,
  },
  {
    name: '26 read',
    method: 'GET',
    path: '/v1/parents/uuid/parent-000000000001',
    who: 'teacher1',
    status: 200,
    fields: { name: '홍판서' },
  },
  {
    name: '27 by name',
    method: 'GET',
    path: `/v1/parent-uuids?name=${encodeURIComponent('홍판서')}`,
    who: 'teacher1',
    status: 200,
    fields: { parent_uuids: ['parent-000000000001'] },
  },
  {
    name: '27 none −521',
    method: 'GET',
    path: `/v1/parent-uuids?name=${encodeURIComponent('없는부모')}`,
    who: 'teacher1',
    status: 409,
    code: -521,
  },
  {
    name: '28 own children',
    method: 'GET',
    path: '/v1/parents/uuid/parent-000000000001/children',
    who: 'parent1',
    status: 200,
    fields: { children: [expect.objectContaining({ student_uuid: 'student-000000000001' })] },
  },
  {
    name: '28 someone else 403',
    method: 'GET',
    path: '/v1/parents/uuid/parent-000000000001/children',
    who: 'student1',
    status: 403,
    code: 0,
  },
];

describe('legacy account routes 3–28: golden envelopes', () => {
  let gateway: GatewayHarness;
  let base: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    base = gateway.url.replace('/graphql', '');
    // The imported students of route 7 need their pre-profile images in S3 (legacy-api.md §4.4).
    for (const n of [1, 2]) {
      await gateway.services.adapters.objectStore.put(
        `profiles/years/2021/grades/1/groups/3/numbers/${n}`,
        Buffer.from('x'),
      );
    }
  });
  afterAll(() => gateway.close());

  it.each(CASES.map((c) => [c.name, c] as const))('route %s', (_name, c) => runRouteCase(base, c));

  it.each([
    ['no header', undefined, -101],
    ['one part', 'Bearer', -102],
    ['another scheme', `Basic ${TOKEN.admin}`, -106],
    ['bad signature', `Bearer ${createAccessTokens('other').sign('admin-000000000001').token}`, -103],
    ['expired', `Bearer ${tokens.sign('admin-000000000001', 1_000_000).token}`, -104],
  ])('answers 401 with the legacy code for %s', async (_name, authorization, code) => {
    const res = await fetch(`${base}/v1/students/uuid/student-000000000001`, {
      headers: authorization ? { authorization } : {},
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ status: 401, code, message: expect.any(String) });
  });
});
