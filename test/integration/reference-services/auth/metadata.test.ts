import { AuthAdminService } from '../../../../grpc-clients/generated/auth/auth-admin';
import { AuthParentService } from '../../../../grpc-clients/generated/auth/auth-parent';
import { AuthStudentService } from '../../../../grpc-clients/generated/auth/auth-student';
import { AuthTeacherService } from '../../../../grpc-clients/generated/auth/auth-teacher';
import { legacyMetadata, startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN } from './auth-fixtures';

const BAD_METADATA = [
  ['a missing x-request-id', { requestId: null }, /X-Request-Id/],
  ['an x-request-id that is not a UUID', { requestId: 'not-a-uuid' }, /X-Request-Id/],
  ['a missing span-context', { spanContext: null }, /Span-Context/],
  ['a span-context that does not parse', { spanContext: 'garbage' }, /Span-Context/],
] as const;

/** One RPC per gRPC service of auth; every one checks the metadata before anything else. */
const CALLS = {
  'AuthAdmin.LoginAdminAuth': (h: ReferenceHarness, m: ReturnType<typeof legacyMetadata>) =>
    h.call('auth', AuthAdminService, 'loginAdminAuth', { AdminID: 'admin', AdminPW: 'admin1234' }, m),
  'AuthStudent.LoginStudentAuth': (h: ReferenceHarness, m: ReturnType<typeof legacyMetadata>) =>
    h.call('auth', AuthStudentService, 'loginStudentAuth', { StudentID: 'student1', StudentPW: 'student1234' }, m),
  'AuthTeacher.GetTeacherInformWithUUID': (h: ReferenceHarness, m: ReturnType<typeof legacyMetadata>) =>
    h.call('auth', AuthTeacherService, 'getTeacherInformWithUuid', { UUID: ADMIN, TeacherUUID: 'x' }, m),
  'AuthParent.LoginParentAuth': (h: ReferenceHarness, m: ReturnType<typeof legacyMetadata>) =>
    h.call('auth', AuthParentService, 'loginParentAuth', { ParentID: 'parent1', ParentPW: 'parent1234' }, m),
};

describe('auth reference service: tracing metadata', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  describe.each(Object.entries(CALLS))('%s', (_rpc, call) => {
    it.each(BAD_METADATA)('answers 407 to %s', async (_case, overrides, detail) => {
      const reply = await call(harness, legacyMetadata(overrides));
      expect(reply).toMatchObject({ Status: 407, Code: 0 });
      expect(reply.Message).toMatch(/^proxy auth required \(reason: .+\)$/);
      expect(reply.Message).toMatch(detail);
    });

    it('proceeds with valid metadata', async () => {
      const reply = await call(harness, legacyMetadata());
      expect(reply.Status).not.toBe(407);
    });
  });
});
