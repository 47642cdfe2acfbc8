import { AuthAdminService, type BasicStudentInform } from '../../../../grpc-clients/generated/auth/auth-admin';
import { AuthStudentService } from '../../../../grpc-clients/generated/auth/auth-student';
import { werkzeugHash } from '../../../../reference-services/auth/passwords';
import { DEMO_UNSIGNED_STUDENT } from '../../../../reference-services/demo-data';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, ID_FORMATS, STUDENT1, TEACHER1, forcing, uniqueLoginId, uniquePhone } from './auth-fixtures';

const preProfile = (s: Pick<BasicStudentInform, 'Grade' | 'Group' | 'StudentNumber'>) =>
  `profiles/years/2021/grades/${s.Grade}/groups/${s.Group}/numbers/${s.StudentNumber}`;

describe('auth reference service: unsigned-student sign-up', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  /** A row for the import whose pre-profile exists in the object store. */
  const importable = async (seat: Pick<BasicStudentInform, 'Grade' | 'Group' | 'StudentNumber'>, name = '신입생') => {
    await harness.adapters.objectStore.put(preProfile(seat), Buffer.from('pre-profile'));
    return { ...seat, Name: name, PhoneNumber: uniquePhone('0104') };
  };
  const addUnsigned = (Students: BasicStudentInform[], UUID: string = ADMIN) =>
    harness.call('auth', AuthAdminService, 'addUnsignedStudents', { UUID, Students });
  const sendSms = (
    target: { TargetGrade?: number; TargetGroup?: number; TargetNumber?: number },
    UUID: string = ADMIN,
  ) => harness.call('auth', AuthAdminService, 'sendJoinSmsToUnsignedStudents', { UUID, ...target });
  /** The auth code the last SMS to this phone carried. */
  const codeSentTo = (phone: string): number => {
    const message = [...harness.adapters.sms.sent].reverse().find((sms) => sms.phoneNumber === phone);
    const match = message?.text.match(/\[(\d{6})\]/);
    if (!match?.[1]) throw new Error(`no auth code was sent to ${phone}`);
    return Number(match[1]);
  };
  const lookup = (AuthCode: number) =>
    harness.call('auth', AuthStudentService, 'getUnsignedStudentWithAuthCode', { AuthCode });
  const signUp = (AuthCode: number, StudentID: string, StudentPW: string) =>
    harness.call('auth', AuthStudentService, 'createNewStudentWithAuthCode', { AuthCode, StudentID, StudentPW });

  it('runs end to end: import → SMS → lookup by code → sign up (profile copied, parent linked) → login', async () => {
    const row = await importable({ Grade: 3, Group: 3, StudentNumber: 3 }, '한가람');
    // A parent whose child row matches the imported student, created before the student signs up.
    const parent = await harness.call('auth', AuthAdminService, 'createNewParent', {
      UUID: ADMIN,
      ParentID: uniqueLoginId('par'),
      ParentPW: 'parent5678',
      Name: '한부모',
      PhoneNumber: uniquePhone('0103'),
      ChildrenInform: [{ Grade: 3, Group: 3, StudentNumber: 3, Name: '한가람' }],
    });
    expect(parent.Status).toBe(201);

    const added = await addUnsigned([row]);
    expect(added).toMatchObject({ Status: 201, Code: 0, AddCount: 1, NoAddCount: 0 });

    const sent = await sendSms({ TargetGrade: 3, TargetGroup: 3, TargetNumber: 3 });
    expect(sent).toMatchObject({ Status: 200, SendCount: 1, NoSendCount: 0 });
    const code = codeSentTo(row.PhoneNumber);
    expect(code).toBeGreaterThanOrEqual(100000);
    expect(code).toBeLessThanOrEqual(999999);

    expect(await lookup(code)).toEqual({
      Status: 200,
      Code: 0,
      Message: expect.any(String),
      AuthCode: code,
      Name: '한가람',
      Grade: 3,
      Group: 3,
      StudentNumber: 3,
      PhoneNumber: row.PhoneNumber,
    });

    const studentId = uniqueLoginId('new');
    const created = await signUp(code, studentId, 'signup1234');
    expect(created).toMatchObject({ Status: 201, Code: 0 });
    expect(created.StudentUUID).toMatch(ID_FORMATS.student);
    expect(harness.adapters.objectStore.keys()).toContain(`profiles/uuids/${created.StudentUUID}`);

    const inform = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
      UUID: created.StudentUUID,
      StudentUUID: created.StudentUUID,
    });
    expect(inform).toMatchObject({
      Status: 200,
      Name: '한가람',
      ImageURI: `profiles/uuids/${created.StudentUUID}`,
      ParentStatus: 'CONNECTED',
    });
    const linked = await harness.call('auth', AuthStudentService, 'getParentWithStudentUuid', {
      UUID: created.StudentUUID,
      StudentUUID: created.StudentUUID,
    });
    expect(linked).toMatchObject({ Status: 200, ParentUUID: parent.CreatedParentUUID });

    // The unsigned row is gone.
    expect((await lookup(code)).Status).toBe(404);
    expect((await signUp(code, uniqueLoginId('again'), 'signup1234')).Status).toBe(404);

    const login = await harness.call('auth', AuthStudentService, 'loginStudentAuth', {
      StudentID: studentId,
      StudentPW: 'signup1234',
    });
    expect(login).toMatchObject({ Status: 200, LoggedInStudentUUID: created.StudentUUID });
  });

  it('serves the seeded unsigned student by its code and signs it up with a forced id (UN_CONNECTED)', async () => {
    expect(await lookup(DEMO_UNSIGNED_STUDENT.authCode)).toMatchObject({
      Status: 200,
      Name: DEMO_UNSIGNED_STUDENT.name,
      Grade: 1,
      Group: 1,
      StudentNumber: 2,
    });
    const created = await harness.call(
      'auth',
      AuthStudentService,
      'createNewStudentWithAuthCode',
      { AuthCode: DEMO_UNSIGNED_STUDENT.authCode, StudentID: 'newbie', StudentPW: 'newbie1234' },
      forcing('studentuuid', 'student-555555555555'),
    );
    expect(created).toMatchObject({ Status: 201, StudentUUID: 'student-555555555555' });
    const inform = await harness.call('auth', AuthStudentService, 'getStudentInformWithUuid', {
      UUID: ADMIN,
      StudentUUID: 'student-555555555555',
    });
    expect(inform.ParentStatus).toBe('UN_CONNECTED');
  });

  describe('AddUnsignedStudents', () => {
    it('counts students already imported or signed up in NoAddCount and names them in the message', async () => {
      const fresh = await importable({ Grade: 3, Group: 3, StudentNumber: 10 });
      expect((await addUnsigned([fresh])).AddCount).toBe(1);

      const signedSeat = await importable({ Grade: 2, Group: 1, StudentNumber: 1 }, '홍길동');
      const another = await importable({ Grade: 3, Group: 3, StudentNumber: 11 });
      const reply = await addUnsigned([fresh, signedSeat, another]);
      expect(reply).toMatchObject({ Status: 201, AddCount: 1, NoAddCount: 2 });
      expect(reply.Message).toContain('3310');
      expect(reply.Message).toContain('2101 홍길동');
    });

    it('answers 404 and saves nothing when a pre-profile is missing', async () => {
      const present = await importable({ Grade: 3, Group: 2, StudentNumber: 20 });
      const missing = { Grade: 3, Group: 2, StudentNumber: 21, Name: '없는얼굴', PhoneNumber: uniquePhone('0104') };
      const reply = await addUnsigned([present, missing]);
      expect(reply).toMatchObject({ Status: 404, AddCount: 0, NoAddCount: 0 });
      expect(reply.Message).toContain(preProfile(missing));
      expect((await sendSms({ TargetGrade: 3, TargetGroup: 2, TargetNumber: 20 })).Status).toBe(404);
    });

    it.each([STUDENT1, TEACHER1, 'parent-000000000001'])('answers 403 to %s', async (caller) => {
      const row = await importable({ Grade: 3, Group: 1, StudentNumber: 1 });
      expect((await addUnsigned([row], caller)).Status).toBe(403);
    });

    it('answers 407 to a row failing model validation', async () => {
      const row = await importable({ Grade: 3, Group: 1, StudentNumber: 2 }, 'Kim');
      expect((await addUnsigned([row])).Status).toBe(407);
    });
  });

  describe('SendJoinSMSToUnsignedStudents', () => {
    it('sends one LMS per unsigned student matching the filter (0 = any)', async () => {
      const a = await importable({ Grade: 2, Group: 4, StudentNumber: 1 });
      const b = await importable({ Grade: 2, Group: 4, StudentNumber: 2 });
      const c = await importable({ Grade: 2, Group: 3, StudentNumber: 2 });
      expect((await addUnsigned([a, b, c])).AddCount).toBe(3);

      const before = harness.adapters.sms.sent.length;
      const reply = await sendSms({ TargetGrade: 2, TargetGroup: 4 });
      expect(reply).toMatchObject({ Status: 200, SendCount: 2, NoSendCount: 0 });
      const phones = harness.adapters.sms.sent.slice(before).map((sms) => sms.phoneNumber);
      expect(phones.sort()).toEqual([a.PhoneNumber, b.PhoneNumber].sort());
      expect(String(codeSentTo(a.PhoneNumber))).toMatch(/^\d{6}$/);
      expect(codeSentTo(a.PhoneNumber)).not.toBe(codeSentTo(b.PhoneNumber));
    });

    it('answers 404 when no unsigned student matches', async () => {
      expect((await sendSms({ TargetGrade: 1, TargetGroup: 4, TargetNumber: 21 })).Status).toBe(404);
    });

    it('answers 500 when the SMS gateway fails', async () => {
      const row = await importable({ Grade: 1, Group: 4, StudentNumber: 20 });
      await addUnsigned([row]);
      harness.adapters.sms.failNext();
      const reply = await sendSms({ TargetGrade: 1, TargetGroup: 4, TargetNumber: 20 });
      expect(reply.Status).toBe(500);
      expect(reply.Message).toMatch(/^internal server error \(reason: .+\)$/);
    });

    it.each([STUDENT1, TEACHER1])('answers 403 to %s', async (caller) => {
      expect((await sendSms({}, caller)).Status).toBe(403);
    });
  });

  describe('CreateNewStudentWithAuthCode', () => {
    const importAndGetCode = async (seat: Pick<BasicStudentInform, 'Grade' | 'Group' | 'StudentNumber'>) => {
      const row = await importable(seat);
      expect((await addUnsigned([row])).AddCount).toBe(1);
      await sendSms({ TargetGrade: seat.Grade, TargetGroup: seat.Group, TargetNumber: seat.StudentNumber });
      return codeSentTo(row.PhoneNumber);
    };

    it('answers 409 with code 0 when the student id is taken, and keeps the unsigned row', async () => {
      const code = await importAndGetCode({ Grade: 1, Group: 4, StudentNumber: 1 });
      expect(await signUp(code, 'student1', 'pw123456')).toMatchObject({ Status: 409, Code: 0, StudentUUID: '' });
      expect((await lookup(code)).Status).toBe(200);
    });

    it('answers 407 to an invalid student id', async () => {
      const code = await importAndGetCode({ Grade: 1, Group: 4, StudentNumber: 2 });
      expect((await signUp(code, 'ab', 'pw123456')).Status).toBe(407);
    });

    it('answers 404 to an unknown code', async () => {
      expect((await signUp(999999, uniqueLoginId('x'), 'pw123456')).Status).toBe(404);
      expect((await lookup(999999)).Status).toBe(404);
    });

    it('answers 500 when the S3 copy fails', async () => {
      const seat = { Grade: 1, Group: 4, StudentNumber: 3 };
      const code = await importAndGetCode(seat);
      await harness.adapters.objectStore.delete(preProfile(seat));
      const reply = await signUp(code, uniqueLoginId('s3'), 'pw123456');
      expect(reply.Status).toBe(500);
      expect((await lookup(code)).Status).toBe(200);
    });

    it('stores a werkzeug-looking password as-is, which then logs in as that hash (legacy quirk)', async () => {
      const code = await importAndGetCode({ Grade: 1, Group: 4, StudentNumber: 4 });
      const studentId = uniqueLoginId('wz');
      const hash = werkzeugHash('old-dms-pw', 'saltsalt', 1000);
      const created = await signUp(code, studentId, hash);
      expect(created.Status).toBe(201);

      const login = (StudentPW: string) =>
        harness.call('auth', AuthStudentService, 'loginStudentAuth', { StudentID: studentId, StudentPW });
      expect(await login('old-dms-pw')).toMatchObject({ Status: 200, LoggedInStudentUUID: created.StudentUUID });
      expect(await login(hash)).toMatchObject({ Status: 409, Code: -402 });
    });
  });
});
