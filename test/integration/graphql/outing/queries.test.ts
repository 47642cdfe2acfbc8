import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import {
  HOUR_MS,
  PARENT1,
  STUDENT1,
  STUDENT2,
  TEACHER1,
  expectFieldError,
  seeded,
  seededStart,
  tokenOf,
} from './outing-test-kit';

/** Read-only queries over the seeded demo outings (one per status, demo-data.ts). */
describe('GraphQL outings: queries', () => {
  let gateway: GatewayHarness;
  const student1 = tokenOf(STUDENT1);
  const student2 = tokenOf(STUDENT2);
  const teacher = tokenOf(TEACHER1);
  const parent = tokenOf(PARENT1);
  const end = (daysAgo: number) => new Date(Date.parse(seededStart(daysAgo)) + 2 * HOUR_MS).toISOString();

  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  describe('myOutings', () => {
    it("lists the caller's outings, latest end first, with arrival and lateness", async () => {
      const res = await gateway.graphql<{ myOutings: Array<Record<string, unknown>> }>(
        operation('outing/my-outings'),
        {},
        { token: student1 },
      );
      expect(res.body.errors).toBeUndefined();
      const outings = res.body.data?.myOutings ?? [];
      expect(outings.map((o) => o.id)).toEqual([1, 3, 4, 6, 8].map(seeded));
      expect(outings[0]).toEqual({
        id: seeded(1),
        student: { id: STUDENT1 },
        place: '병원',
        reason: '부모님 확인 대기',
        situation: 'NORMAL',
        status: 'WAITING_FOR_PARENT',
        startsAt: seededStart(1),
        endsAt: end(1),
        arrivedAt: null,
        isLate: null,
      });
      expect(outings.map((o) => o.status)).toEqual([
        'WAITING_FOR_PARENT',
        'REJECTED_BY_PARENT',
        'APPROVED',
        'OUT',
        'CERTIFIED',
      ]);
      expect(outings[3]).toMatchObject({ situation: 'EMERGENCY', place: '약국' });
      // Back at 07:00 UTC from an outing ending 08:00 UTC.
      expect(outings[4]).toMatchObject({
        arrivedAt: new Date(Date.parse(seededStart(8)) + HOUR_MS).toISOString(),
        isLate: false,
      });
    });

    it('pages with offset and limit', async () => {
      const res = await gateway.graphql<{ myOutings: Array<{ id: string }> }>(
        operation('outing/my-outings'),
        { offset: 1, limit: 2 },
        { token: student1 },
      );
      expect(res.body.data?.myOutings.map((o) => o.id)).toEqual([seeded(3), seeded(4)]);
    });

    it('marks a late return', async () => {
      const res = await gateway.graphql<{ myOutings: Array<Record<string, unknown>> }>(
        operation('outing/my-outings'),
        {},
        { token: student2 },
      );
      expect(res.body.data?.myOutings.find((o) => o.id === seeded(7))).toMatchObject({
        status: 'RETURNED',
        arrivedAt: new Date(Date.parse(seededStart(7)) + 3 * HOUR_MS).toISOString(),
        isLate: true,
      });
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expectFieldError(await gateway.graphql(operation('outing/my-outings')), 'UNAUTHENTICATED', -101);
    });

    it('is FORBIDDEN (-2601) for a teacher', async () => {
      const res = await gateway.graphql(operation('outing/my-outings'), {}, { token: teacher });
      expectFieldError(res, 'FORBIDDEN', -2601);
    });
  });

  describe('outing', () => {
    it('reads one of the caller’s outings (no arrival time in this read)', async () => {
      const res = await gateway.graphql(operation('outing/outing'), { id: seeded(4) }, { token: student1 });
      expect(res.body).toEqual({
        data: {
          outing: {
            id: seeded(4),
            student: { id: STUDENT1 },
            place: '은행',
            reason: '통장 발급',
            situation: 'NORMAL',
            status: 'APPROVED',
            startsAt: seededStart(4),
            endsAt: end(4),
            arrivedAt: null,
            isLate: null,
          },
        },
      });
    });

    it.each([
      ['another student', student2],
      ['a teacher', teacher],
      ['the parent', parent],
    ])('is FORBIDDEN (-2601) for %s', async (_who, token) => {
      expectFieldError(
        await gateway.graphql(operation('outing/outing'), { id: seeded(4) }, { token }),
        'FORBIDDEN',
        -2601,
      );
    });

    it('is NOT_FOUND (-2301) for an unknown id', async () => {
      const res = await gateway.graphql(operation('outing/outing'), { id: 'outing-999999999999' }, { token: student1 });
      expectFieldError(res, 'NOT_FOUND', -2301);
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expectFieldError(await gateway.graphql(operation('outing/outing'), { id: seeded(4) }), 'UNAUTHENTICATED', -101);
    });
  });

  describe('outingCard', () => {
    it('shows the outing with the student’s profile', async () => {
      const res = await gateway.graphql<{ outingCard: Record<string, unknown> }>(
        operation('outing/outing-card'),
        { id: seeded(6) },
        { token: student1 },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.outingCard).toEqual({
        id: seeded(6),
        student: { id: STUDENT1 },
        studentName: '홍길동',
        grade: 2,
        classNumber: 1,
        number: 1,
        profileImageUri: expect.any(String),
        place: '약국',
        reason: '감기약 구입',
        status: 'OUT',
        startsAt: seededStart(6),
        endsAt: end(6),
      });
    });

    it('is FORBIDDEN (-2601) for another student', async () => {
      const res = await gateway.graphql(operation('outing/outing-card'), { id: seeded(6) }, { token: student2 });
      expectFieldError(res, 'FORBIDDEN', -2601);
    });

    it('is NOT_FOUND (-2301) for an unknown id', async () => {
      const res = await gateway.graphql(
        operation('outing/outing-card'),
        { id: 'outing-999999999999' },
        { token: student1 },
      );
      expectFieldError(res, 'NOT_FOUND', -2301);
    });
  });

  describe('outings (teacher filter)', () => {
    const ids = async (variables: Record<string, unknown>) => {
      const res = await gateway.graphql<{ outings: Array<{ id: string }> }>(operation('outing/outing-ids'), variables, {
        token: teacher,
      });
      expect(res.body.errors).toBeUndefined();
      return res.body.data?.outings.map((o) => o.id);
    };

    it('lists every outing, latest start first, with the students resolved by one lookup each', async () => {
      gateway.services.services.resetCallCounts();
      const res = await gateway.graphql<{ outings: Array<Record<string, unknown>> }>(
        operation('outing/outings'),
        {},
        { token: teacher },
      );
      expect(res.body.errors).toBeUndefined();
      const outings = res.body.data?.outings ?? [];
      expect(outings.map((o) => o.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map(seeded));
      expect(outings.map((o) => (o.student as { id: string }).id)).toEqual([
        STUDENT1,
        STUDENT2,
        STUDENT1,
        STUDENT1,
        STUDENT2,
        STUDENT1,
        STUDENT2,
        STUDENT1,
      ]);
      expect(outings[6]).toEqual({
        id: seeded(7),
        student: { id: STUDENT2 },
        place: '병원',
        reason: '정기 검진',
        situation: 'NORMAL',
        status: 'RETURNED',
        startsAt: seededStart(7),
        endsAt: end(7),
        arrivedAt: new Date(Date.parse(seededStart(7)) + 3 * HOUR_MS).toISOString(),
        isLate: true,
      });
      expect(outings[0]).toMatchObject({ arrivedAt: null, isLate: null });
      const uuidLookups = Object.entries(gateway.services.services.callCounts())
        .filter(([path]) => path.endsWith('/GetStudentUUIDsWithInform'))
        .reduce((sum, [, count]) => sum + count, 0);
      expect(uuidLookups).toBe(2);
    });

    it("resolves the students' accounts with one uuid lookup per student and one batched read", async () => {
      gateway.services.services.resetCallCounts();
      const res = await gateway.graphql<{ outings: Array<{ id: string; student: Record<string, unknown> }> }>(
        operation('outing/outings-with-students'),
        { filter: { grade: 1 } },
        { token: teacher },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.outings.map((o) => o.student)).toEqual(
        [2, 5, 7].map(() => ({ id: STUDENT2, name: '이영희', grade: 1, classNumber: 3, number: 5 })),
      );
      const counts = gateway.services.services.callCounts();
      const callsOf = (rpc: string) =>
        Object.entries(counts)
          .filter(([path]) => path.endsWith(`/${rpc}`))
          .reduce((sum, [, count]) => sum + count, 0);
      expect(callsOf('GetOutingWithFilter')).toBe(1);
      expect(callsOf('GetStudentInformsWithUUIDs')).toBe(1);
    });

    it.each([
      ['status', { status: 'APPROVED' }, [4]],
      ['grade and class', { grade: 2, classNumber: 1 }, [1, 3, 4, 6, 8]],
      ['grade, class and status', { grade: 2, classNumber: 1, status: 'OUT' }, [6]],
      ['grade only', { grade: 1 }, [2, 5, 7]],
      ['floor with club members', { floor: 2 }, [1, 2, 3, 4, 5, 6, 7, 8]],
      ['floor without outings', { floor: 3 }, []],
      ['time range: certified outings only', { from: seededStart(9), to: seededStart(1) }, [8]],
      ['time range with a class', { from: seededStart(9), to: seededStart(1), grade: 1, classNumber: 3 }, []],
      ['time range before any outing', { from: seededStart(20), to: seededStart(10) }, []],
    ])('filters by %s', async (_what, filter, expected) => {
      expect(await ids({ filter })).toEqual(expected.map(seeded));
    });

    it('pages with offset and limit (all without a limit)', async () => {
      expect(await ids({ offset: 2, limit: 3 })).toEqual([3, 4, 5].map(seeded));
      expect(await ids({ offset: 6 })).toEqual([7, 8].map(seeded));
    });

    it('sends the time range in seconds', async () => {
      // One second after outing 8's start leaves it out of an inclusive [from, to] range.
      const from = new Date(Date.parse(seededStart(8)) + 1000).toISOString();
      expect(await ids({ filter: { from, to: seededStart(1) } })).toEqual([]);
      expect(await ids({ filter: { from: seededStart(8), to: seededStart(8) } })).toEqual([seeded(8)]);
    });

    it('is FORBIDDEN (-2601) for a student', async () => {
      expectFieldError(
        await gateway.graphql(operation('outing/outing-ids'), {}, { token: student1 }),
        'FORBIDDEN',
        -2601,
      );
    });

    it('is UNAUTHENTICATED without a token', async () => {
      expectFieldError(await gateway.graphql(operation('outing/outing-ids')), 'UNAUTHENTICATED', -101);
    });
  });

  describe('outingByConfirmCode', () => {
    it('shows the outing behind a parent confirm code without a token', async () => {
      const res = await gateway.graphql(operation('outing/outing-by-confirm-code'), { code: 'confirm-000000000001' });
      expect(res.body).toEqual({
        data: {
          outingByConfirmCode: {
            id: seeded(1),
            studentName: '홍길동',
            place: '병원',
            reason: '부모님 확인 대기',
            situation: 'NORMAL',
            startsAt: seededStart(1),
            endsAt: end(1),
          },
        },
      });
    });

    it('is NOT_FOUND (-2301) for an unknown code', async () => {
      const res = await gateway.graphql(operation('outing/outing-by-confirm-code'), { code: 'confirm-999999999999' });
      expectFieldError(res, 'NOT_FOUND', -2301);
    });
  });
});
