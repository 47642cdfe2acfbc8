import { OutingParentsService } from '../../../../grpc-clients/generated/outing/outing-parents';
import { DEMO_ACCOUNTS, demoOutings } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import {
  DAY_MS,
  HOUR,
  SEEDED,
  SEEDED_CONFIRM_CODE,
  STUDENT1,
  STUDENT2,
  TEACHER1,
  act,
  createTeacher,
  expectOk,
  informOf,
  newOuting,
  nowSeconds,
} from './outing-test-kit';

const startClock = Date.parse('2026-11-25T01:00:00Z');

describe('outing reference service: OutingParents', () => {
  // Each case spends the single seeded confirm code, so each gets a fresh harness.
  let harness: ReferenceHarness;
  beforeEach(async () => {
    harness = await startReferenceHarness({ nowMs: startClock });
  });
  afterEach(() => harness.close());

  const byCode = (method: 'approveOutingByOCode' | 'rejectOutingByOCode' | 'getOutingByOCode', confirmCode: string) =>
    harness.call('outing', OutingParentsService, method, { confirmCode });

  it('GetOutingByOCode shows the outing with the student name', async () => {
    const seeded = demoOutings(startClock).find((o) => o.uuid === SEEDED['0']);
    await expect(byCode('getOutingByOCode', SEEDED_CONFIRM_CODE)).resolves.toMatchObject({
      status: 200,
      code: 0,
      name: DEMO_ACCOUNTS.student1.name,
      outingId: SEEDED['0'],
      startTime: seeded?.startTime,
      endTime: seeded?.endTime,
      place: '병원',
      reason: '부모님 확인 대기',
      situation: 'NORMAL',
    });
  });

  it.each(['approveOutingByOCode', 'rejectOutingByOCode', 'getOutingByOCode'] as const)(
    '%s answers 404 −2301 for an unknown code',
    async (method) => {
      await expect(byCode(method, 'confirm-123456789012')).resolves.toMatchObject({ status: 404, code: -2301 });
    },
  );

  it.each([
    ['approveOutingByOCode', '1', '외출증이 학부모에 의해 허가'],
    ['rejectOutingByOCode', '-1', '외출증이 학부모에 의해 거절'],
  ] as const)('%s moves "0" to "%s", deletes the code and texts the student', async (method, status, text) => {
    await expect(byCode(method, SEEDED_CONFIRM_CODE)).resolves.toMatchObject({ status: 200, code: 0 });
    await expect(informOf(harness, STUDENT1, SEEDED['0'])).resolves.toMatchObject({ outingStatus: status });
    expect(harness.adapters.sms.sent).toEqual([
      { phoneNumber: DEMO_ACCOUNTS.student1.phoneNumber, text: expect.stringContaining(text) },
    ]);
    // The code is gone: every use now answers 404.
    await expect(byCode(method, SEEDED_CONFIRM_CODE)).resolves.toMatchObject({ status: 404, code: -2301 });
    await expect(byCode('getOutingByOCode', SEEDED_CONFIRM_CODE)).resolves.toMatchObject({ status: 404 });
  });

  it('answers 409 −2103 once the outing left "0" by another way, and keeps the code', async () => {
    // QUIRK (§4.1): certify succeeds from "0", which leaves a live code on a "5" outing.
    await expectOk(act(harness, 'certify', TEACHER1, SEEDED['0']));
    for (const method of ['approveOutingByOCode', 'rejectOutingByOCode', 'approveOutingByOCode'] as const) {
      await expect(byCode(method, SEEDED_CONFIRM_CODE)).resolves.toMatchObject({ status: 409, code: -2103 });
    }
    await expect(informOf(harness, STUDENT1, SEEDED['0'])).resolves.toMatchObject({ outingStatus: '5' });
    expect(harness.adapters.sms.sent).toEqual([]);
  });
});

describe('outing reference service: SMS and PICK side effects', () => {
  let harness: ReferenceHarness;
  let homeroom13: string;
  let otherGradeSameClass: string;
  beforeAll(async () => {
    harness = await startReferenceHarness({ nowMs: startClock });
    // Homeroom teacher of class 1-3 (student2's class), and a teacher of grade 3 class 1 (student1's class
    // number, another grade).
    homeroom13 = await createTeacher(harness, {
      teacherId: 'homeroom13',
      grade: 1,
      group: 3,
      name: '최담임',
      phoneNumber: '01000000113',
    });
    otherGradeSameClass = await createTeacher(harness, {
      teacherId: 'grade3class1',
      grade: 3,
      group: 1,
      name: '정선생',
      phoneNumber: '01000000131',
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    harness.adapters.sms.sent.length = 0;
    harness.adapters.pick.absences.length = 0;
    harness.clock.advance(DAY_MS);
  });

  const phones = () => harness.adapters.sms.sent.map((m) => m.phoneNumber);

  it('CreateOuting sends nothing (no parent SMS since 2021-03-23)', async () => {
    await newOuting(harness, STUDENT1);
    expect(harness.adapters.sms.sent).toEqual([]);
  });

  it('teacher approval texts the student only, when the teacher is the homeroom teacher', async () => {
    const id = await newOuting(harness, STUDENT1);
    await expectOk(act(harness, 'approve', TEACHER1, id));
    expect(harness.adapters.sms.sent).toEqual([
      { phoneNumber: DEMO_ACCOUNTS.student1.phoneNumber, text: expect.stringContaining('외출증 승인') },
    ]);
  });

  it('teacher approval by a teacher of another class also texts the homeroom teacher', async () => {
    const id = await newOuting(harness, STUDENT2);
    await expectOk(act(harness, 'approve', TEACHER1, id));
    expect(phones()).toEqual([DEMO_ACCOUNTS.student2.phoneNumber, '01000000113']);
    expect(harness.adapters.sms.sent[1]?.text).toContain(`${DEMO_ACCOUNTS.teacher1.name}선생님에 의해`);
    expect(homeroom13).toMatch(/^teacher-\d{12}$/);
  });

  it('QUIRK (§4.1): a teacher of another grade but the same class number does not text the homeroom teacher', async () => {
    const id = await newOuting(harness, STUDENT1);
    await expectOk(act(harness, 'approve', otherGradeSameClass, id));
    // student1 is 2-1; the approver is 3-1. Only the class numbers are compared, so teacher1 gets nothing.
    expect(phones()).toEqual([DEMO_ACCOUNTS.student1.phoneNumber]);
  });

  it('teacher reject, certify and modify send nothing', async () => {
    const rejected = await newOuting(harness, STUDENT2);
    await expectOk(act(harness, 'reject', TEACHER1, rejected));
    await expectOk(act(harness, 'certify', TEACHER1, rejected));
    expect(harness.adapters.sms.sent).toEqual([]);
  });

  it('start texts the parent and records a PICK "외출" absence with the periods covered', async () => {
    // 18:30 KST now; the outing ends at 20:10 KST → periods 8, 9, 10.
    const today = Math.floor(harness.clock.now() / DAY_MS) * DAY_MS;
    harness.clock.set(today + 9 * HOUR * 1000 + 30 * 60_000);
    const now = nowSeconds(harness);
    const id = await newOuting(harness, STUDENT1, { startTime: now, endTime: now + HOUR + 40 * 60 });
    await expectOk(act(harness, 'approve', TEACHER1, id));
    harness.adapters.sms.sent.length = 0;
    await expectOk(act(harness, 'start', STUDENT1, id));
    expect(harness.adapters.sms.sent).toEqual([
      { phoneNumber: DEMO_ACCOUNTS.parent1.phoneNumber, text: expect.stringContaining('외출을 시작') },
    ]);
    expect(harness.adapters.pick.absences).toEqual([
      {
        studentUuid: STUDENT1,
        kind: '외출',
        periods: [8, 9, 10],
        date: new Date(today + 9 * HOUR * 1000).toISOString().slice(0, 10),
      },
    ]);
  });

  it('start without a parent texts nobody but still records the absence (daytime → period 8)', async () => {
    harness.clock.set(Math.floor(harness.clock.now() / DAY_MS) * DAY_MS + HOUR * 1000); // 10:00 KST
    const id = await newOuting(harness, STUDENT2);
    await expectOk(act(harness, 'approve', TEACHER1, id));
    harness.adapters.sms.sent.length = 0;
    await expectOk(act(harness, 'start', STUDENT2, id));
    expect(harness.adapters.sms.sent).toEqual([]);
    expect(harness.adapters.pick.absences).toMatchObject([{ studentUuid: STUDENT2, kind: '외출', periods: [8] }]);
  });

  it('an SMS failure after the change answers 500 code 0, and the change stays (as in the legacy use case)', async () => {
    const id = await newOuting(harness, STUDENT1);
    harness.adapters.sms.failNext();
    const reply = await act(harness, 'approve', TEACHER1, id);
    expect(reply).toMatchObject({ status: 500, code: 0, msg: 'sms gateway refused the message' });
    await expect(informOf(harness, STUDENT1, id)).resolves.toMatchObject({ outingStatus: '2' });
  });
});
