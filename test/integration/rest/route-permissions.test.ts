import { randomUUID } from 'node:crypto';
import Router from 'find-my-way';
import { createAccessTokens } from '../../../core/access-tokens';
import { SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { ErrorCode } from '../../../core/error-codes';
import { GatewayError } from '../../../core/errors';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import { createChannelPool } from '../../../grpc-clients/channel-pool';
import { newSpanContext } from '../../../grpc-clients/upstream-metadata';
import { silentBreakerListener } from '../../../resilience/consul-check-reporter';
import { createInstanceBreakers } from '../../../resilience/instance-breakers';
import { createRestAuthorizer } from '../../../rest/rest-authorization';
import type { RestGuard } from '../../../rest/rest-guards';
import type { RestContext, RestRoute } from '../../../rest/rest-route';
import { REST_ROUTES } from '../../../rest/routes';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import { TOKEN } from './route-case';

/**
 * Every legacy route × role: what the GraphQL rules decide in front of the route, compared with what the legacy
 * route allowed (legacy-api.md §1, "Auth / roles" and "Roles"). Roles: `student` is student2 (no club to lead;
 * the owner of the path's student and outing), `leader` is student1 (leads DMS, club-000000000001, the club the
 * club routes name), `other` is student3 (another student, who leads another club).
 */
type Role = 'anonymous' | 'student' | 'leader' | 'other' | 'teacher' | 'parent' | 'admin';
const SIGNED_IN: Role[] = ['student', 'leader', 'other', 'teacher', 'parent', 'admin'];
const EVERYONE: Role[] = ['anonymous', ...SIGNED_IN];
const STUDENTS: Role[] = ['student', 'leader', 'other'];
const CLUB_READERS: Role[] = [...STUDENTS, 'admin'];

const TOKEN_OF: Record<Role, string | undefined> = {
  anonymous: undefined,
  student: TOKEN.student2,
  leader: TOKEN.student1,
  other: TOKEN.student3,
  teacher: TOKEN.teacher1,
  parent: TOKEN.parent1,
  admin: TOKEN.admin,
};

interface Row {
  route: number;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  /** Roles the legacy route let through. */
  allow: Role[];
  /** The legacy refusal of this route (status, code) for every other signed-in role. */
  deny?: [status: number, code: number];
  /**
   * Roles the legacy route refused but the GraphQL rule lets on: the service still refuses them with `deny`, as
   * it did (its golden cases are in the route suites, e.g. "50 someone else −2601", "66 admin is not the writer").
   */
  byService?: Role[];
  /** Roles the legacy route refused by a bug this gateway fixes (design.md §6). */
  fixed?: Role[];
}

const AUTH_403: [number, number] = [403, 0];
const CLUB_READ_403: [number, number] = [403, 0];
const OUTING_403: [number, number] = [403, -2601];
const SCHEDULE_401: [number, number] = [401, 0];
const ANNOUNCEMENT_403: [number, number] = [403, -1000];
const DMS = 'club-000000000001';
const S2 = 'student-000000000002';
/** student2's outing, waiting for a teacher. */
const OUTING = 'outing-000000000002';

/** The leader routes: the leader or an admin; −1711 for roles other than student/admin, −1712 for other students. */
const leaderRoute = (route: number, method: string, path: string, body?: Record<string, unknown>): Row[] => [
  { route, method, path, ...(body ? { body } : {}), allow: ['leader', 'admin'], deny: [403, -1712] },
];

const TABLE: Row[] = [
  { route: 3, method: 'POST', path: '/v1/students', allow: ['admin'], deny: AUTH_403 },
  { route: 4, method: 'POST', path: '/v1/parents', allow: ['admin'], deny: AUTH_403 },
  { route: 5, method: 'POST', path: '/v1/login/admin', body: { admin_id: 'admin' }, allow: EVERYONE },
  { route: 6, method: 'POST', path: '/v1/join-sms/unsigned-students', allow: ['admin'], deny: AUTH_403 },
  { route: 7, method: 'POST', path: '/v1/unsigned-students/parsed-by/excel', allow: ['admin'], deny: AUTH_403 },
  {
    route: 8,
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel/sheets/a',
    allow: ['admin'],
    deny: AUTH_403,
  },
  { route: 9, method: 'POST', path: '/v1/login/student', body: { student_id: 'student1' }, allow: EVERYONE },
  { route: 10, method: 'PUT', path: `/v1/students/uuid/${S2}/password`, allow: ['student', 'admin'], deny: AUTH_403 },
  { route: 11, method: 'GET', path: `/v1/students/uuid/${S2}`, allow: SIGNED_IN },
  { route: 12, method: 'GET', path: '/v1/student-uuids', allow: SIGNED_IN },
  { route: 13, method: 'POST', path: '/v1/students/with-uuids', allow: SIGNED_IN },
  { route: 14, method: 'GET', path: `/v1/students/uuid/${S2}/parent`, allow: ['student', 'admin'], deny: AUTH_403 },
  { route: 15, method: 'GET', path: '/v1/students/auth-code/123456', allow: EVERYONE },
  { route: 16, method: 'POST', path: '/v1/students/with-code', body: { auth_code: 123456 }, allow: EVERYONE },
  { route: 17, method: 'POST', path: '/v1/teachers', allow: EVERYONE },
  { route: 18, method: 'POST', path: '/v1/login/teacher', body: { teacher_id: 'teacher1' }, allow: EVERYONE },
  { route: 19, method: 'POST', path: '/v1/login/teacher/with-pick', body: { teacher_id: 'x' }, allow: EVERYONE },
  {
    route: 20,
    method: 'PUT',
    path: '/v1/teachers/uuid/teacher-000000000001/password',
    allow: ['teacher', 'admin'],
    deny: AUTH_403,
  },
  { route: 21, method: 'GET', path: '/v1/teachers/uuid/teacher-000000000001', allow: SIGNED_IN },
  { route: 22, method: 'GET', path: '/v1/teacher-uuids', allow: SIGNED_IN },
  {
    route: 23,
    method: 'PATCH',
    path: '/v1/teachers/uuid/teacher-000000000001',
    allow: ['teacher', 'admin'],
    deny: AUTH_403,
  },
  { route: 24, method: 'POST', path: '/v1/login/parent', body: { parent_id: 'parent1' }, allow: EVERYONE },
  {
    route: 25,
    method: 'PUT',
    path: '/v1/parents/uuid/parent-000000000001/password',
    allow: ['parent', 'admin'],
    deny: AUTH_403,
  },
  { route: 26, method: 'GET', path: '/v1/parents/uuid/parent-000000000001', allow: SIGNED_IN },
  { route: 27, method: 'GET', path: '/v1/parent-uuids', allow: SIGNED_IN },
  {
    route: 28,
    method: 'GET',
    path: '/v1/parents/uuid/parent-000000000001/children',
    allow: ['parent', 'admin'],
    deny: AUTH_403,
  },
  { route: 29, method: 'POST', path: '/v1/clubs', allow: ['admin'], deny: CLUB_READ_403 },
  { route: 30, method: 'GET', path: '/v1/clubs/sorted-by/update-time', allow: CLUB_READERS, deny: CLUB_READ_403 },
  {
    route: 31,
    method: 'GET',
    path: '/v1/recruitments/sorted-by/create-time',
    allow: CLUB_READERS,
    deny: CLUB_READ_403,
  },
  { route: 32, method: 'GET', path: '/v1/clubs', allow: [...CLUB_READERS, 'teacher'], deny: CLUB_READ_403 },
  { route: 33, method: 'GET', path: `/v1/clubs/uuid/${DMS}`, allow: CLUB_READERS, deny: CLUB_READ_403 },
  {
    route: 34,
    method: 'GET',
    path: '/v1/recruitments/uuid/recruitment-000000000001',
    allow: CLUB_READERS,
    deny: CLUB_READ_403,
  },
  {
    route: 35,
    method: 'GET',
    path: `/v1/clubs/uuid/${DMS}/recruitment-uuid`,
    allow: CLUB_READERS,
    deny: CLUB_READ_403,
  },
  { route: 36, method: 'GET', path: '/v1/recruitment-uuids', allow: CLUB_READERS, deny: CLUB_READ_403 },
  { route: 37, method: 'GET', path: '/v1/clubs/property/fields', allow: CLUB_READERS, deny: CLUB_READ_403 },
  { route: 38, method: 'GET', path: '/v1/clubs/count', allow: CLUB_READERS, deny: CLUB_READ_403 },
  { route: 39, method: 'GET', path: '/v1/recruitments/count', allow: CLUB_READERS, deny: CLUB_READ_403 },
  {
    route: 40,
    method: 'GET',
    path: '/v1/leaders/uuid/student-000000000001/club-uuid',
    allow: CLUB_READERS,
    deny: CLUB_READ_403,
  },
  ...leaderRoute(41, 'DELETE', `/v1/clubs/uuid/${DMS}`),
  ...leaderRoute(42, 'POST', `/v1/clubs/uuid/${DMS}/members`),
  ...leaderRoute(43, 'DELETE', `/v1/clubs/uuid/${DMS}/members/${S2}`),
  ...leaderRoute(44, 'PUT', `/v1/clubs/uuid/${DMS}/leader`),
  ...leaderRoute(45, 'PATCH', `/v1/clubs/uuid/${DMS}`),
  ...leaderRoute(46, 'POST', '/v1/recruitments', { club_uuid: DMS }),
  ...leaderRoute(47, 'PATCH', '/v1/recruitments/uuid/recruitment-000000000001'),
  ...leaderRoute(48, 'DELETE', '/v1/recruitments/uuid/recruitment-000000000001'),
  { route: 49, method: 'POST', path: '/v1/outings', allow: STUDENTS, deny: OUTING_403 },
  {
    route: 50,
    method: 'GET',
    path: `/v1/students/uuid/${S2}/outings`,
    allow: ['student'],
    deny: OUTING_403,
    byService: ['leader', 'other'],
  },
  { route: 51, method: 'GET', path: `/v1/outings/uuid/${OUTING}`, allow: ['student'], deny: OUTING_403 },
  { route: 52, method: 'GET', path: `/v1/outings/uuid/${OUTING}/card`, allow: ['student'], deny: OUTING_403 },
  { route: 53, method: 'POST', path: `/v1/outings/uuid/${OUTING}/actions/start`, allow: ['student'], deny: OUTING_403 },
  { route: 53, method: 'POST', path: `/v1/outings/uuid/${OUTING}/actions/end`, allow: ['teacher'], deny: OUTING_403 },
  {
    route: 53,
    method: 'POST',
    path: `/v1/outings/uuid/${OUTING}/actions/teacher-approve`,
    allow: ['teacher'],
    deny: OUTING_403,
  },
  {
    route: 53,
    method: 'POST',
    path: `/v1/outings/uuid/${OUTING}/actions/teacher-reject`,
    allow: ['teacher'],
    deny: OUTING_403,
  },
  {
    route: 53,
    method: 'POST',
    path: `/v1/outings/uuid/${OUTING}/actions/certify`,
    allow: ['teacher'],
    deny: OUTING_403,
  },
  {
    route: 53,
    method: 'POST',
    path: `/v1/outings/uuid/outing-000000000001/actions/parent-approve`,
    body: { code: 'confirm-000000000001' },
    allow: EVERYONE,
  },
  {
    route: 53,
    method: 'POST',
    path: `/v1/outings/uuid/outing-000000000001/actions/parent-reject`,
    body: { code: 'confirm-000000000001' },
    allow: EVERYONE,
  },
  { route: 54, method: 'GET', path: '/v1/outings/with-filter', allow: ['teacher'], deny: OUTING_403 },
  { route: 55, method: 'GET', path: '/v1/outings/code/confirm-000000000001', allow: EVERYONE },
  { route: 56, method: 'PATCH', path: `/v1/outings/uuid/${OUTING}`, allow: ['teacher'], deny: OUTING_403 },
  { route: 57, method: 'POST', path: '/v1/schedules', allow: ['teacher', 'admin'], deny: SCHEDULE_401 },
  // Parents got 401 from the legacy calendar only because the service looked for "parents" (legacy-api.md §6.8).
  {
    route: 58,
    method: 'GET',
    path: '/v1/schedules/years/2026/months/11',
    allow: [...STUDENTS, 'teacher', 'admin'],
    deny: SCHEDULE_401,
    fixed: ['parent'],
  },
  {
    route: 59,
    method: 'GET',
    path: '/v1/time-tables/years/2026/months/11/days/25',
    allow: STUDENTS,
    deny: SCHEDULE_401,
  },
  {
    route: 60,
    method: 'PATCH',
    path: '/v1/schedules/uuid/schedule-0000000000001',
    allow: ['teacher', 'admin'],
    deny: SCHEDULE_401,
  },
  {
    route: 61,
    method: 'DELETE',
    path: '/v1/schedules/uuid/schedule-0000000000001',
    allow: ['teacher', 'admin'],
    deny: SCHEDULE_401,
  },
  // A club announcement: club leaders (of any club) and every non-student; a school one: no student.
  {
    route: 62,
    method: 'POST',
    path: '/v1/announcements',
    body: { type: 'club' },
    allow: ['leader', 'other', 'teacher', 'parent', 'admin'],
    deny: ANNOUNCEMENT_403,
  },
  {
    route: 62,
    method: 'POST',
    path: '/v1/announcements',
    body: { type: 'school' },
    allow: ['teacher', 'parent', 'admin'],
    deny: ANNOUNCEMENT_403,
  },
  { route: 63, method: 'GET', path: '/v1/announcements/types/school', allow: SIGNED_IN },
  { route: 64, method: 'GET', path: '/v1/announcements/uuid/announcement-000000000001', allow: SIGNED_IN },
  // Written by teacher1: the writer or an admin updates, only the writer deletes; the service checks the writer.
  {
    route: 65,
    method: 'PATCH',
    path: '/v1/announcements/uuid/announcement-000000000001',
    allow: ['teacher', 'admin'],
    deny: ANNOUNCEMENT_403,
    byService: [...STUDENTS, 'parent'],
  },
  {
    route: 66,
    method: 'DELETE',
    path: '/v1/announcements/uuid/announcement-000000000001',
    allow: ['teacher'],
    deny: ANNOUNCEMENT_403,
    byService: [...STUDENTS, 'parent', 'admin'],
  },
  // Any caller asks about the student in the path (the GraphQL rule, students only, is skipped for REST).
  { route: 67, method: 'GET', path: `/v1/students/uuid/${S2}/announcement-check`, allow: SIGNED_IN },
  { route: 68, method: 'GET', path: '/v1/announcements/types/school/query/a', allow: SIGNED_IN },
  { route: 69, method: 'GET', path: '/v1/announcements/writer-uuid/teacher-000000000001', allow: SIGNED_IN },
];

/** What the legacy route did for a role, and so what the gateway must do in front of it. */
type Expected = 'token' | 'allow' | { status: number; code: number };

function expectedOf(row: Row, route: RestRoute, role: Role): Expected {
  if (role === 'anonymous' && route.auth === 'jwt') return 'token';
  if (role === 'anonymous' && row.route === 53 && !row.allow.includes('anonymous')) return { status: 401, code: -101 };
  if (row.allow.includes(role) || row.byService?.includes(role) || row.fixed?.includes(role)) return 'allow';
  if (!row.deny) throw new Error(`route ${row.route}: ${role} is refused but the row has no legacy refusal`);
  // Club management: roles other than student/admin get −1711 before the leader check (legacy-api.md §1.6).
  if (row.deny[1] === -1712 && (role === 'teacher' || role === 'parent')) return { status: 403, code: -1711 };
  return { status: row.deny[0], code: row.deny[1] };
}

describe('REST routes × roles: the GraphQL rules in front of the legacy routes', () => {
  let gateway: GatewayHarness;
  let authorize: RestGuard;
  let closeDeps: () => void;
  const tokens = createAccessTokens(TEST_JWT_SECRET);
  const router = Router();
  const routeOf = new Map<string, RestRoute>();
  for (const route of REST_ROUTES) {
    router.on(route.method, route.path, () => undefined, { id: route.id });
    routeOf.set(`${route.method} ${route.path}`, route);
  }
  const calls = () => Object.values(gateway.services.services.callCounts()).reduce((sum, n) => sum + n, 0);

  beforeAll(async () => {
    gateway = await startGatewayHarness({ nowMs: Date.parse('2026-11-25T01:00:00Z') });
    const addresses = gateway.services.services.addresses;
    const registry = createStaticRegistry(
      Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]])) as Record<ServiceName, string[]>,
    );
    const logger = createLogger({ name: 'route-permissions-test', level: 'silent' });
    const channels = createChannelPool();
    const breakers = createInstanceBreakers(logger, silentBreakerListener, {
      errorThreshold: 1000,
      successThreshold: 1,
      openMs: 60_000,
    });
    authorize = createRestAuthorizer({ deps: { registry, channels, breakers }, tokens });
    closeDeps = () => {
      breakers.close();
      channels.close();
    };
  });
  afterAll(async () => {
    closeDeps?.();
    await gateway?.close();
  });

  /** The authorization guard alone, as the pipeline runs it after validation (no handler, so no side effects). */
  async function decide(row: Row, role: Role): Promise<Expected> {
    const [pathname, query = ''] = row.path.split('?');
    const found = router.find(row.method as never, pathname ?? '') as unknown as {
      params: Record<string, string>;
      store: { id: number };
    } | null;
    if (!found) throw new Error(`no route for ${row.method} ${row.path}`);
    const route = REST_ROUTES.find((r) => r.id === found.store.id && r.method === row.method) as RestRoute;
    const token = TOKEN_OF[role];
    if (role === 'anonymous' && route.auth === 'jwt') return 'token';
    const authorization = token ? `Bearer ${token}` : undefined;
    const requestId = randomUUID();
    const context = {
      requestId,
      caller: route.auth === 'jwt' ? tokens.fromAuthorizationHeader(authorization) : undefined,
      params: found.params,
      body: { ...Object.fromEntries(new URLSearchParams(query)), ...row.body },
      tokens,
      authorization,
    } as unknown as RestContext;
    const call = {
      callerUuid: context.caller?.uuid ?? '',
      clientIp: '127.0.0.1',
      requestId,
      spanContext: newSpanContext(),
    };
    try {
      const refusal = await authorize({ route, context, ip: '127.0.0.1', call });
      return refusal ? { status: refusal.status, code: refusal.code } : 'allow';
    } catch (error) {
      if (error instanceof GatewayError && error.code === ErrorCode.UNAUTHENTICATED) {
        return { status: 401, code: error.legacyCode ?? 0 };
      }
      throw error;
    }
  }

  it('covers every legacy route 3–69', () => {
    expect(new Set(TABLE.map((row) => row.route))).toEqual(new Set(Array.from({ length: 67 }, (_, i) => i + 3)));
  });

  const cells = TABLE.flatMap((row) =>
    EVERYONE.map((role) => ({ row, role, name: `${row.route} ${row.method} ${row.path} ${row.body?.type ?? ''}` })),
  );
  it.each(cells)('$name as $role: as the legacy route allowed', async ({ row, role }) => {
    const route = [...routeOf.values()].find((r) => r.id === row.route) as RestRoute;
    expect(await decide(row, role)).toEqual(expectedOf(row, route, role));
  });

  describe('over HTTP', () => {
    const send = (method: string, path: string, role: Role, json?: unknown) =>
      httpRequest(`${gateway.url.replace('/graphql', '')}${path}`, {
        method,
        headers: {
          ...(TOKEN_OF[role] ? { authorization: `Bearer ${TOKEN_OF[role]}` } : {}),
          ...(json === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(json === undefined ? {} : { body: JSON.stringify(json) }),
      });

    it.each([
      { role: 'student' as Role, method: 'GET', path: '/v1/outings/with-filter', status: 403, code: -2601 },
      { role: 'admin' as Role, method: 'POST', path: '/v1/outings', status: 403, code: -2601, json: outingBody() },
      { role: 'teacher' as Role, method: 'GET', path: '/v1/clubs/count', status: 403, code: 0 },
      { role: 'parent' as Role, method: 'DELETE', path: `/v1/clubs/uuid/${DMS}`, status: 403, code: -1711 },
      { role: 'parent' as Role, method: 'POST', path: '/v1/schedules', status: 401, code: 0, json: scheduleBody() },
      { role: 'teacher' as Role, method: 'POST', path: '/v1/join-sms/unsigned-students', status: 403, code: 0 },
      {
        role: 'student' as Role,
        method: 'GET',
        path: `/v1/parents/uuid/parent-000000000001/children`,
        status: 403,
        code: 0,
      },
      {
        role: 'student' as Role,
        method: 'POST',
        path: '/v1/announcements',
        status: 403,
        code: -1000,
        json: { type: 'school', title: '공지', content: '{}' },
      },
    ])('a role refusal ($method $path as $role) answers $status $code and calls no service', async (c) => {
      const before = calls();
      const res = await send(c.method, c.path, c.role, c.json);
      expect({ http: res.status, ...(JSON.parse(res.text) as object) }).toEqual({
        http: c.status,
        status: c.status,
        code: c.code,
        message: expect.any(String),
      });
      expect(calls() - before).toBe(0);
    });

    it('the timetable refuses a teacher with the schedule service’s 401 "UnAuthorized", calling nothing', async () => {
      const before = calls();
      const res = await send('GET', '/v1/time-tables/years/2026/months/11/days/25', 'teacher');
      expect(JSON.parse(res.text)).toEqual({ status: 401, code: 0, message: 'UnAuthorized' });
      expect(calls() - before).toBe(0);
    });

    it('an ownership refusal makes only the rule’s look-up, never the guarded call', async () => {
      gateway.services.services.resetCallCounts();
      const res = await send('POST', `/v1/clubs/uuid/${DMS}/members`, 'other', {
        student_uuid: 'student-000000000003',
      });
      expect(JSON.parse(res.text)).toMatchObject({ status: 403, code: -1712 });
      const paths = Object.keys(gateway.services.services.callCounts());
      expect(paths.some((p) => p.endsWith('/GetClubUUIDWithLeaderUUID'))).toBe(true);
      expect(paths.filter((p) => p.endsWith('/AddClubMember'))).toEqual([]);

      gateway.services.services.resetCallCounts();
      const outing = await send('GET', `/v1/outings/uuid/${OUTING}/card`, 'leader');
      expect(JSON.parse(outing.text)).toMatchObject({ status: 403, code: -2601 });
      expect(
        Object.keys(gateway.services.services.callCounts()).filter((p) => p.endsWith('/GetCardAboutOuting')),
      ).toEqual([]);
    });

    it('an allowed call goes through: route 67 for a teacher asking about a student, as the legacy route allowed', async () => {
      const res = await send('GET', `/v1/students/uuid/${S2}/announcement-check`, 'teacher');
      expect(JSON.parse(res.text)).toMatchObject({ status: 200, code: 0 });
    });

    it('route 53 without a token still answers the legacy 401 −101 before anything is called', async () => {
      const before = calls();
      const res = await send('POST', `/v1/outings/uuid/${OUTING}/actions/teacher-approve`, 'anonymous');
      expect(JSON.parse(res.text)).toMatchObject({ status: 401, code: -101 });
      expect(calls() - before).toBe(0);
    });
  });
});

function outingBody() {
  const now = Math.floor(Date.parse('2026-11-25T01:00:00Z') / 1000);
  return { start_time: now + 3600, end_time: now + 7200, place: '서점', reason: '교재', situation: 'normal' };
}

function scheduleBody() {
  const now = Math.floor(Date.parse('2026-11-25T01:00:00Z') / 1000);
  return { start_date: now, end_date: now, detail: '행사' };
}
