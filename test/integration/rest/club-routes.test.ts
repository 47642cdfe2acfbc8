import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { png, runRouteCase, type RouteCase } from './route-case';

const DMS = 'club-000000000001';
const ENTRY = 'club-000000000002';

function clubForm(overrides: Record<string, string> = {}): FormData {
  const form = new FormData();
  const fields = {
    name: `RC${Date.now() % 100000}`,
    leader_uuid: 'student-000000000002',
    member_uuids: 'student-000000000002',
    field: '보안',
    location: `4층 ${Date.now() % 100000}`,
    floor: '4',
    ...overrides,
  };
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('logo', png(), 'logo.png');
  return form;
}

/** Golden envelopes of the club routes 29–48 (legacy-api.md §1.6), in an order that keeps the demo data valid. */
const CASES: RouteCase[] = [
  {
    name: '30 list',
    method: 'GET',
    path: '/v1/clubs/sorted-by/update-time',
    who: 'student1',
    status: 200,
    fields: {
      clubs: expect.arrayContaining([
        expect.objectContaining({
          club_uuid: DMS,
          name: 'DMS',
          floor: 2,
          member_uuids: ['student-000000000001', 'student-000000000002'],
        }),
      ]),
    },
  },
  { name: '30 teacher 403', method: 'GET', path: '/v1/clubs/sorted-by/update-time', who: 'teacher1', status: 403 },
  {
    name: '30 bad start −202',
    method: 'GET',
    path: '/v1/clubs/sorted-by/update-time?start=x',
    who: 'student1',
    status: 400,
    code: -202,
  },
  {
    name: '31 current recruitments',
    method: 'GET',
    path: '/v1/recruitments/sorted-by/create-time',
    who: 'student1',
    status: 200,
    fields: {
      recruitments: [
        expect.objectContaining({
          club_uuid: DMS,
          recruit_members: [
            { grade: 1, field: '백엔드', number: 2 },
            { grade: 2, field: '프론트엔드', number: 1 },
          ],
        }),
      ],
    },
  },
  {
    name: '32 by uuids (GET with a JSON body)',
    method: 'GET',
    path: '/v1/clubs',
    who: 'teacher1',
    json: { club_uuids: [ENTRY] },
    status: 200,
    fields: { clubs: [expect.objectContaining({ club_uuid: ENTRY, floor: 3 })] },
  },
  {
    name: '32 unknown 404',
    method: 'GET',
    path: '/v1/clubs',
    who: 'student1',
    json: { club_uuids: ['club-999999999999'] },
    status: 404,
  },
  {
    name: '33 no floor (QUIRK)',
    method: 'GET',
    path: `/v1/clubs/uuid/${DMS}`,
    who: 'student1',
    status: 200,
    fields: { club_uuid: DMS, name: 'DMS' },
  },
  {
    name: '34 recruitment',
    method: 'GET',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    who: 'student1',
    status: 200,
    fields: { club_uuid: DMS, recruit_concept: '백엔드 개발자 모집' },
  },
  {
    name: '35 current of DMS',
    method: 'GET',
    path: `/v1/clubs/uuid/${DMS}/recruitment-uuid`,
    who: 'student1',
    status: 200,
    fields: { recruitment_uuid: 'recruitment-000000000001' },
  },
  {
    name: '35 none −1601',
    method: 'GET',
    path: `/v1/clubs/uuid/${ENTRY}/recruitment-uuid`,
    who: 'student1',
    status: 409,
    code: -1601,
  },
  {
    name: '36 uuids',
    method: 'GET',
    path: '/v1/recruitment-uuids',
    who: 'student1',
    json: { club_uuids: [DMS] },
    status: 200,
    fields: { uuids: ['recruitment-000000000001'] },
  },
  {
    name: '37 fields',
    method: 'GET',
    path: '/v1/clubs/property/fields',
    who: 'student1',
    status: 200,
    fields: { fields: expect.arrayContaining(['개발', '디자인']) },
  },
  { name: '38 count', method: 'GET', path: '/v1/clubs/count', who: 'admin', status: 200, fields: { count: 2 } },
  { name: '39 count', method: 'GET', path: '/v1/recruitments/count', who: 'admin', status: 200, fields: { count: 1 } },
  {
    name: '40 leader',
    method: 'GET',
    path: '/v1/leaders/uuid/student-000000000001/club-uuid',
    who: 'student1',
    status: 200,
    fields: { club_uuid: DMS },
  },
  {
    name: '40 not a leader −1611',
    method: 'GET',
    path: '/v1/leaders/uuid/student-000000000002/club-uuid',
    who: 'student1',
    status: 409,
    code: -1611,
  },
  {
    name: '29 created',
    method: 'POST',
    path: '/v1/clubs',
    who: 'admin',
    form: () => clubForm(),
    status: 201,
    fields: { club_uuid: expect.stringMatching(/^club-\d{12}$/) },
  },
  {
    name: '29 leader already leads a club −1503',
    method: 'POST',
    path: '/v1/clubs',
    who: 'admin',
    form: () => clubForm({ name: 'DMS', leader_uuid: 'student-000000000002', member_uuids: 'student-000000000002' }),
    status: 409,
    code: -1503,
  },
  {
    name: '29 not an admin 403',
    method: 'POST',
    path: '/v1/clubs',
    who: 'student1',
    form: () => clubForm(),
    status: 403,
  },
  {
    name: '29 bad floor −203',
    method: 'POST',
    path: '/v1/clubs',
    who: 'admin',
    form: () => clubForm({ floor: '9' }),
    status: 400,
    code: -203,
  },
  {
    name: '42 not the leader −1712',
    method: 'POST',
    path: `/v1/clubs/uuid/${DMS}/members`,
    who: 'student3',
    json: { student_uuid: 'student-000000000003' },
    status: 403,
    code: -1712,
  },
  {
    name: '42 added: 201 (QUIRK)',
    method: 'POST',
    path: `/v1/clubs/uuid/${DMS}/members`,
    who: 'student1',
    json: { student_uuid: 'student-000000000003' },
    status: 201,
  },
  {
    name: '42 already a member −1701',
    method: 'POST',
    path: `/v1/clubs/uuid/${DMS}/members`,
    who: 'student1',
    json: { student_uuid: 'student-000000000003' },
    status: 409,
    code: -1701,
  },
  {
    name: '43 removed',
    method: 'DELETE',
    path: `/v1/clubs/uuid/${DMS}/members/student-000000000003`,
    who: 'admin',
    status: 200,
  },
  {
    name: '43 not a member −1723',
    method: 'DELETE',
    path: `/v1/clubs/uuid/${DMS}/members/student-000000000003`,
    who: 'admin',
    status: 404,
    code: -1723,
  },
  {
    name: '44 already the leader −1801',
    method: 'PUT',
    path: `/v1/clubs/uuid/${DMS}/leader`,
    who: 'student1',
    json: { new_leader_uuid: 'student-000000000001' },
    status: 409,
    code: -1801,
  },
  {
    name: '45 modified',
    method: 'PATCH',
    path: `/v1/clubs/uuid/${DMS}`,
    who: 'student1',
    json: { club_concept: '새 소개' },
    status: 200,
  },
  {
    name: '45 too long −203',
    method: 'PATCH',
    path: `/v1/clubs/uuid/${DMS}`,
    who: 'student1',
    json: { link: 'x'.repeat(101) },
    status: 400,
    code: -203,
  },
  {
    name: '46 one in progress −2001',
    method: 'POST',
    path: '/v1/recruitments',
    who: 'student1',
    json: { club_uuid: DMS, recruit_concept: '또 모집', members: [{ grade: '1', field: '앱', number: '1' }] },
    status: 409,
    code: -2001,
  },
  {
    name: '46 registered',
    method: 'POST',
    path: '/v1/recruitments',
    who: 'student3',
    json: {
      club_uuid: ENTRY,
      recruit_concept: '디자이너 모집',
      end_period: '2099-12-31',
      members: [{ grade: '1', field: '그래픽', number: '2' }],
    },
    status: 201,
    fields: { recruitment_uuid: expect.stringMatching(/^recruitment-\d{12}$/) },
  },
  {
    name: '47 modified',
    method: 'PATCH',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    who: 'student1',
    json: { recruit_concept: '백엔드 모집 연장' },
    status: 200,
  },
  {
    name: '48 unknown −1724',
    method: 'DELETE',
    path: '/v1/recruitments/uuid/recruitment-999999999999',
    who: 'admin',
    status: 404,
    code: -1724,
  },
  {
    name: '41 recruitment in progress −1901',
    method: 'DELETE',
    path: `/v1/clubs/uuid/${DMS}`,
    who: 'admin',
    status: 409,
    code: -1901,
  },
  {
    name: '48 deleted',
    method: 'DELETE',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    who: 'student1',
    status: 200,
  },
  { name: '41 deleted', method: 'DELETE', path: `/v1/clubs/uuid/${DMS}`, who: 'admin', status: 200 },
];

describe('legacy club routes 29–48: golden envelopes', () => {
  let gateway: GatewayHarness;
  let base: string;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    base = gateway.url.replace('/graphql', '');
  });
  afterAll(() => gateway.close());

  it.each(CASES.map((c) => [c.name, c] as const))('route %s', (_name, c) => runRouteCase(base, c));
});
