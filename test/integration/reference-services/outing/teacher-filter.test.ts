import { OutingTeacherService, type Outing } from '../../../../grpc-clients/generated/outing/outing-teacher';
import { demoOutings } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  ADMIN,
  HOUR,
  PARENT1,
  SEEDED,
  STUDENT1,
  STUDENT3,
  TEACHER1,
  act,
  expectOk,
  newOuting,
} from './outing-test-kit';

/**
 * GetOutingWithFilter (legacy-api.md §4.1 "Filter semantics"), over the seeded outings: student1 (grade 2 class 1,
 * club DMS on floor 2) owns "0", "-1", "2", "3", "5"; student2 (grade 1 class 3, also in DMS) owns "1", "-2", "4".
 * student3 (grade 3 class 2, club Entry on floor 3) gets one outing created here.
 */
describe('outing reference service: GetOutingWithFilter', () => {
  let harness: ReferenceHarness;
  const startClock = Date.parse('2026-11-25T01:00:00Z');
  const seeded = demoOutings(startClock);
  const seededStart = (id: string) => seeded.find((o) => o.uuid === id)?.startTime ?? 0;
  let student3Outing: string;

  beforeAll(async () => {
    harness = await startReferenceHarness({ nowMs: startClock });
    student3Outing = await newOuting(harness, STUDENT3);
  });
  afterAll(() => harness.close());

  const filter = async (request: Partial<Record<string, unknown>> & { uuid?: string }) => {
    const reply = await harness.call('outing', OutingTeacherService, 'getOutingWithFilter', {
      uuid: TEACHER1,
      ...request,
    });
    return reply;
  };
  const ids = (outings: Outing[]) => outings.map((o) => o.outingId);

  it('lists every outing, newest start first, with the students from auth', async () => {
    const reply = await filter({});
    expect(reply).toMatchObject({ status: 200, code: 0 });
    expect(ids(reply.outing)).toEqual([
      student3Outing,
      SEEDED['0'],
      SEEDED['1'],
      SEEDED['-1'],
      SEEDED['2'],
      SEEDED['-2'],
      SEEDED['3'],
      SEEDED['4'],
      SEEDED['5'],
    ]);
    expect(reply.outing[1]).toMatchObject({ name: '홍길동', grade: 2, group: 1, number: 1, status: '0' });
    expect(reply.outing[2]).toMatchObject({ name: '이영희', grade: 1, group: 3, number: 5, status: '1' });
    expect(reply.outing[0]).toMatchObject({ name: '박민수', grade: 3, group: 2, number: 7, situation: 'NORMAL' });
  });

  it.each(['0', '1', '-1', '2', '-2', '3', '4', '5'])('filters by status "%s"', async (status) => {
    const reply = await filter({ status });
    expect(reply.outing.length).toBeGreaterThan(0);
    expect(reply.outing.every((o) => o.status === status)).toBe(true);
  });

  it('computes is_late only from status 4 on: arrival after end_time', async () => {
    const byId = new Map((await filter({})).outing.map((o) => [o.outingId, o]));
    // Seeded "4" came back at 09:00 UTC after an 08:00 end; "5" at 07:00, before its end.
    expect(byId.get(SEEDED['4'])).toMatchObject({ isLate: true });
    expect(byId.get(SEEDED['5'])).toMatchObject({ isLate: false });
    expect(byId.get(SEEDED['4'])?.arrivalTime).toBe(seeded.find((o) => o.uuid === SEEDED['4'])?.arrivalTime);
    expect(byId.get(SEEDED['3'])).toMatchObject({ isLate: false, arrivalTime: 0 });
  });

  it('marks an outing ended after its end_time as late, and one ended in time as not late', async () => {
    harness.clock.set(startClock + 40 * 86_400_000);
    const now = Math.floor(harness.clock.now() / 1000);
    const late = await newOuting(harness, STUDENT1, { startTime: now, endTime: now + HOUR });
    await expectOk(act(harness, 'approve', TEACHER1, late));
    await expectOk(act(harness, 'start', STUDENT1, late));
    harness.clock.advance(2 * HOUR * 1000);
    await expectOk(act(harness, 'end', TEACHER1, late));
    const reply = await filter({ status: '4' });
    expect(reply.outing.find((o) => o.outingId === late)).toMatchObject({ isLate: true });
    harness.clock.set(startClock);
  });

  describe('grade (with optional class) → floor → all', () => {
    it('grade 2 selects student1 only', async () => {
      const reply = await filter({ grade: 2 });
      expect(new Set(reply.outing.map((o) => o.name))).toEqual(new Set(['홍길동']));
    });

    it('grade with class and status', async () => {
      const reply = await filter({ grade: 1, group: 3, status: '4' });
      expect(ids(reply.outing)).toEqual([SEEDED['4']]);
    });

    it('a grade nobody is in selects nothing (auth answers 409 −501)', async () => {
      await expect(filter({ grade: 3, group: 4 })).resolves.toMatchObject({ status: 200, outing: [] });
    });

    it('a class without a grade is ignored outside the term branch', async () => {
      const all = await filter({});
      const groupOnly = await filter({ group: 3 });
      expect(ids(groupOnly.outing)).toEqual(ids(all.outing));
    });

    it('floor 3 selects the members of Entry (student3)', async () => {
      const reply = await filter({ floor: 3 });
      expect(ids(reply.outing)).toEqual([student3Outing]);
    });

    it('floor 2 selects the members of DMS, with status', async () => {
      const reply = await filter({ floor: 2, status: '2' });
      expect(ids(reply.outing)).toEqual([SEEDED['2']]);
      const everyone = await filter({ floor: 2 });
      expect(ids(everyone.outing)).not.toContain(student3Outing);
    });

    it('grade wins over floor', async () => {
      const reply = await filter({ grade: 3, floor: 2 });
      expect(ids(reply.outing)).toEqual([student3Outing]);
    });

    it('a floor without clubs selects nothing', async () => {
      await expect(filter({ floor: 5 })).resolves.toMatchObject({ status: 200, outing: [] });
    });
  });

  describe('start_time ≠ 0: only certified ("5") outings starting in [start_time, end_time]', () => {
    const five = SEEDED['5'];
    it('finds the certified outing whose start lies in the range, ignoring status', async () => {
      const start = seededStart(five);
      const reply = await filter({ startTime: start, endTime: start, status: '1' });
      expect(ids(reply.outing)).toEqual([five]);
    });

    it('excludes starts outside the range and other statuses inside it', async () => {
      const start = seededStart(five);
      await expect(filter({ startTime: start + 1, endTime: start + HOUR })).resolves.toMatchObject({ outing: [] });
      // The range covers every seeded start, yet only "5" comes back.
      const wide = await filter({ startTime: seededStart(five) - 1, endTime: seededStart(SEEDED['0']) + 1 });
      expect(wide.outing.every((o) => o.status === '5')).toBe(true);
      expect(ids(wide.outing)).toContain(five);
    });

    it.each([
      [{ grade: 2 }, true],
      [{ grade: 1 }, false],
      [{ group: 1 }, true],
      [{ group: 3 }, false],
      [{ grade: 2, group: 1 }, true],
    ])('limits by grade and/or class %o → included %s', async (limit, included) => {
      const start = seededStart(five);
      const reply = await filter({ startTime: start - 10, endTime: start + 10, ...limit });
      expect(ids(reply.outing).includes(five)).toBe(included);
    });
  });

  it.each([
    [0, 3],
    [2, 3],
    [7, 0],
    [100, 0],
  ])('slices with start %i, count %i (0 = all)', async (start, count) => {
    const all = ids((await filter({})).outing);
    const reply = await filter({ start, count });
    expect(ids(reply.outing)).toEqual(count === 0 ? all.slice(start) : all.slice(start, start + count));
  });

  it.each([
    ['a student', STUDENT1],
    ['a parent', PARENT1],
    ['an admin', ADMIN],
  ])('refuses %s with 403 −2601', async (_who, uuid) => {
    await expect(filter({ uuid })).resolves.toMatchObject({ status: 403, code: -2601, outing: [] });
  });
});
