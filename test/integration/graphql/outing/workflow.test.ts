import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import {
  HOUR_MS,
  NOW_MS,
  STUDENT1,
  STUDENT2,
  STUDENT3,
  TEACHER1,
  at,
  expectFieldError,
  seeded,
  seededStart,
  tokenOf,
} from './outing-test-kit';

type OutingResult = Record<string, unknown> & { id: string; status: string };

/**
 * The outing mutations: the whole workflow through GraphQL, the creation rules, and every flow conflict of
 * legacy-api.md §4.1 on the seeded outings (whose statuses no test here changes).
 */
describe('GraphQL outings: workflow mutations', () => {
  let gateway: GatewayHarness;
  const student1 = tokenOf(STUDENT1);
  const student2 = tokenOf(STUDENT2);
  const student3 = tokenOf(STUDENT3);
  const teacher = tokenOf(TEACHER1);
  const unknownId = 'outing-999999999999';

  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterEach(() => gateway.services.clock.set(NOW_MS));
  afterAll(() => gateway.close());

  const run = async (name: string, field: string, variables: Record<string, unknown>, token?: string) => {
    const res = await gateway.graphql<Record<string, OutingResult>>(operation(`outing/${name}`), variables, {
      token,
    });
    expect(res.body.errors).toBeUndefined();
    return res.body.data?.[field] as OutingResult;
  };

  const input = (overrides: Record<string, unknown> = {}) => ({
    startsAt: at(HOUR_MS),
    endsAt: at(3 * HOUR_MS),
    place: '편의점',
    reason: '간식 구입',
    situation: 'NORMAL',
    ...overrides,
  });

  it('runs create → approve → start → end → certify with the student and teacher tokens', async () => {
    const created = await run('create-outing', 'createOuting', { input: input({ situation: 'EMERGENCY' }) }, student1);
    expect(created).toEqual({
      id: expect.stringMatching(/^outing-\d{12}$/),
      student: { id: STUDENT1 },
      place: '편의점',
      reason: '간식 구입',
      situation: 'EMERGENCY',
      status: 'WAITING_FOR_TEACHER',
      startsAt: at(HOUR_MS),
      endsAt: at(3 * HOUR_MS),
      arrivedAt: null,
      isLate: null,
    });
    const { id } = created;

    expect(await run('approve-outing', 'approveOuting', { id }, teacher)).toEqual({
      id,
      status: 'APPROVED',
      endsAt: null,
    });
    expect((await run('outing', 'outing', { id }, student1)).status).toBe('APPROVED');

    gateway.services.clock.set(NOW_MS + HOUR_MS);
    expect(await run('start-outing', 'startOuting', { id }, student1)).toMatchObject({ id, status: 'OUT' });

    // Back an hour after the end time.
    gateway.services.clock.set(NOW_MS + 4 * HOUR_MS);
    expect(await run('end-outing', 'endOuting', { id }, teacher)).toEqual({ id, status: 'RETURNED', endsAt: null });
    expect(await run('certify-outing', 'certifyOuting', { id }, teacher)).toEqual({
      id,
      status: 'CERTIFIED',
      endsAt: null,
    });

    const mine = await gateway.graphql<{ myOutings: OutingResult[] }>(
      operation('outing/my-outings'),
      { limit: 1 },
      { token: student1 },
    );
    expect(mine.body.data?.myOutings).toEqual([
      expect.objectContaining({ id, status: 'CERTIFIED', arrivedAt: at(4 * HOUR_MS), isLate: true }),
    ]);
    const certifiedToday = await gateway.graphql<{ outings: OutingResult[] }>(
      operation('outing/outings'),
      { filter: { from: at(0), to: at(2 * HOUR_MS) } },
      { token: teacher },
    );
    expect(certifiedToday.body.data?.outings).toEqual([
      expect.objectContaining({ id, student: { id: STUDENT1 }, status: 'CERTIFIED', isLate: true }),
    ]);
  });

  describe('createOuting', () => {
    // The service's texts are the legacy ones (REST keeps them); GraphQL says each rule plainly.
    it.each([
      [
        'a start in the past',
        { startsAt: at(-HOUR_MS), endsAt: at(HOUR_MS) },
        'An outing cannot start in the past.',
        'The start time must be earlier than the current time.',
      ],
      [
        'a start on another day (KST)',
        { startsAt: at(24 * HOUR_MS), endsAt: at(25 * HOUR_MS) },
        'An outing must start today (KST).',
        'Start time should be today.',
      ],
      [
        'an end after the midnight (KST) after the start',
        { endsAt: at(15 * HOUR_MS) },
        'An outing must end by midnight (KST) of the day it starts.',
        'The end time cannot be the day after the start time.',
      ],
      [
        'an end before the start',
        { startsAt: at(2 * HOUR_MS), endsAt: at(HOUR_MS) },
        'An outing must end after it starts.',
        'The start time cannot be bigger than the end time.',
      ],
      [
        'an end equal to the start',
        { startsAt: at(2 * HOUR_MS), endsAt: at(2 * HOUR_MS) },
        'An outing must end after it starts.',
        'The start time cannot be bigger than the end time.',
      ],
    ])('is BAD_USER_INPUT for %s, said plainly (the service answers 400)', async (_rule, times, plain, legacy) => {
      const res = await gateway.graphql(
        operation('outing/create-outing'),
        { input: input(times) },
        { token: student3 },
      );
      expectFieldError(res, 'BAD_USER_INPUT');
      expect(res.body.errors?.[0]).toMatchObject({ message: plain, extensions: { serviceMessage: legacy } });
    });

    it.each([
      ['a place over 50 characters', { place: 'x'.repeat(51) }, 'input.place', 'MAX_LENGTH'],
      ['an empty place', { place: '' }, 'input.place', 'MIN_LENGTH'],
      ['a reason over 150 characters', { reason: '가'.repeat(151) }, 'input.reason', 'MAX_LENGTH'],
      ['an empty reason', { reason: '' }, 'input.reason', 'MIN_LENGTH'],
    ])('is BAD_USER_INPUT (-203) for %s, before calling the service', async (_rule, text, path, rule) => {
      gateway.services.services.resetCallCounts();
      const res = await gateway.graphql(operation('outing/create-outing'), { input: input(text) }, { token: student3 });
      // A request-level rejection by @constraint: HTTP 400, the violated field named.
      expect(res.status).toBe(400);
      expect(res.body.errors).toHaveLength(1);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        legacyCode: -203,
        fields: [expect.objectContaining({ field: 'createOuting', path, rule })],
      });
      expect(Object.keys(gateway.services.services.callCounts()).filter((p) => p.includes('Outing'))).toEqual([]);
    });

    it('is FORBIDDEN (-2601) for a teacher', async () => {
      const res = await gateway.graphql(operation('outing/create-outing'), { input: input() }, { token: teacher });
      expectFieldError(res, 'FORBIDDEN', -2601);
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expectFieldError(
        await gateway.graphql(operation('outing/create-outing'), { input: input() }),
        'UNAUTHENTICATED',
        -101,
      );
    });

    it('is CONFLICT (-2401) for a second outing the same KST day; the first can still be rejected', async () => {
      const { id } = await run('create-outing', 'createOuting', { input: input() }, student3);
      const again = await gateway.graphql(
        operation('outing/create-outing'),
        { input: input({ startsAt: at(5 * HOUR_MS), endsAt: at(6 * HOUR_MS) }) },
        { token: student3 },
      );
      expectFieldError(again, 'CONFLICT', -2401);

      expect(await run('reject-outing', 'rejectOuting', { id }, teacher)).toEqual({
        id,
        status: 'REJECTED_BY_TEACHER',
        endsAt: null,
      });
      expect((await run('outing', 'outing', { id }, student3)).status).toBe('REJECTED_BY_TEACHER');
      expectFieldError(
        await gateway.graphql(operation('outing/reject-outing'), { id }, { token: teacher }),
        'CONFLICT',
        -2106,
      );
    });
  });

  describe('changeOutingEndTime', () => {
    it('moves the end of an outing waiting for a teacher, sending whole seconds', async () => {
      const endsAt = new Date(Date.parse(seededStart(2)) + 3 * HOUR_MS);
      const sent = new Date(endsAt.getTime() + 900).toISOString();
      expect(
        await run('change-outing-end-time', 'changeOutingEndTime', { id: seeded(2), endsAt: sent }, teacher),
      ).toEqual({ id: seeded(2), status: 'WAITING_FOR_TEACHER', endsAt: endsAt.toISOString() });
      expect(await run('outing', 'outing', { id: seeded(2) }, student2)).toMatchObject({
        status: 'WAITING_FOR_TEACHER',
        endsAt: endsAt.toISOString(),
      });
    });

    it.each([[1], [4], [7]])('is CONFLICT (-2400) for seeded outing %i, not waiting for a teacher', async (n) => {
      const res = await gateway.graphql(
        operation('outing/change-outing-end-time'),
        { id: seeded(n), endsAt: at(HOUR_MS) },
        { token: teacher },
      );
      expectFieldError(res, 'CONFLICT', -2400);
    });
  });

  // Seeded statuses: 1 "0", 2 "1" (student2), 3 "-1", 4 "2", 5 "-2" (student2), 6 "3", 7 "4" (student2), 8 "5".
  type Who = 'student1' | 'student2' | 'teacher';
  const CONFLICTS: Array<[string, Array<[number, Who, number]>]> = [
    [
      'start-outing',
      [
        [1, 'student1', -2101],
        [3, 'student1', -2102],
        [2, 'student2', -2104],
        [5, 'student2', -2105],
        [6, 'student1', -2108],
        [8, 'student1', -1000],
      ],
    ],
    [
      'end-outing',
      [
        [1, 'teacher', -2101],
        [3, 'teacher', -2102],
        [2, 'teacher', -2104],
        [5, 'teacher', -2105],
        [4, 'teacher', -2107],
        [7, 'teacher', -2110],
      ],
    ],
    [
      'approve-outing',
      [
        [1, 'teacher', -2101],
        [3, 'teacher', -2102],
        [4, 'teacher', -2106],
        [5, 'teacher', -1000],
      ],
    ],
    [
      'reject-outing',
      [
        [1, 'teacher', -2101],
        [3, 'teacher', -2102],
        [4, 'teacher', -2106],
      ],
    ],
  ];

  describe.each(CONFLICTS)('%s flow conflicts', (name, cases) => {
    it.each(cases)('seeded outing %i, as %s, is CONFLICT %i', async (n, who, legacyCode) => {
      const token = { student1, student2, teacher }[who];
      const res = await gateway.graphql(operation(`outing/${name}`), { id: seeded(n) }, { token });
      expectFieldError(res, 'CONFLICT', legacyCode);
    });
  });

  describe.each([
    ['start-outing', teacher, student1],
    ['end-outing', student1, teacher],
    ['approve-outing', student1, teacher],
    ['reject-outing', student1, teacher],
    ['certify-outing', student1, teacher],
    ['change-outing-end-time', student1, teacher],
  ])('%s access', (name, wrongRole, rightRole) => {
    const vars = (id: string) => (name === 'change-outing-end-time' ? { id, endsAt: at(HOUR_MS) } : { id });

    it('is FORBIDDEN (-2601) for the wrong role', async () => {
      expectFieldError(
        await gateway.graphql(operation(`outing/${name}`), vars(seeded(2)), { token: wrongRole }),
        'FORBIDDEN',
        -2601,
      );
    });

    it('is NOT_FOUND (-2301) for an unknown outing', async () => {
      expectFieldError(
        await gateway.graphql(operation(`outing/${name}`), vars(unknownId), { token: rightRole }),
        'NOT_FOUND',
        -2301,
      );
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expectFieldError(await gateway.graphql(operation(`outing/${name}`), vars(seeded(2))), 'UNAUTHENTICATED', -101);
    });
  });

  it('startOuting is FORBIDDEN (-2601) for a student who does not own the outing', async () => {
    const res = await gateway.graphql(operation('outing/start-outing'), { id: seeded(4) }, { token: student2 });
    expectFieldError(res, 'FORBIDDEN', -2601);
  });

  it('certifyOuting succeeds from any status (legacy-api.md §6.6)', async () => {
    const { id } = await run('create-outing', 'createOuting', { input: input() }, student2);
    expect(await run('certify-outing', 'certifyOuting', { id }, teacher)).toMatchObject({ id, status: 'CERTIFIED' });
    expect((await run('outing', 'outing', { id }, student2)).status).toBe('CERTIFIED');
  });
});
