import { AuthAdminService } from '../../../../grpc-clients/generated/auth/auth-admin';
import { AuthParentService } from '../../../../grpc-clients/generated/auth/auth-parent';
import { startReferenceHarness, type ReferenceHarness } from '../../../helpers/reference-services';
import { ADMIN, PARENT1, STUDENT1, STUDENT2, TEACHER1, uniqueLoginId, uniquePhone } from './auth-fixtures';

describe('auth reference service: AuthParent', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  const createParent = async () => {
    const id = uniqueLoginId('par');
    const reply = await harness.call('auth', AuthAdminService, 'createNewParent', {
      UUID: ADMIN,
      ParentID: id,
      ParentPW: 'parent5678',
      Name: '정부모',
      PhoneNumber: uniquePhone('0105'),
      ChildrenInform: [],
    });
    expect(reply.Status).toBe(201);
    return { uuid: reply.CreatedParentUUID, id };
  };

  describe('LoginParentAuth', () => {
    it('logs the demo parent in', async () => {
      const reply = await harness.call('auth', AuthParentService, 'loginParentAuth', {
        ParentID: 'parent1',
        ParentPW: 'parent1234',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0, LoggedInParentUUID: PARENT1, AccessToken: '' });
    });

    it.each([
      ['an unknown id', { ParentID: 'nobody', ParentPW: 'parent1234' }, -421],
      ['a wrong password', { ParentID: 'parent1', ParentPW: 'wrong' }, -422],
    ])('answers 409 to %s', async (_case, request, code) => {
      const reply = await harness.call('auth', AuthParentService, 'loginParentAuth', request);
      expect(reply).toMatchObject({ Status: 409, Code: code, LoggedInParentUUID: '' });
    });
  });

  describe('ChangeParentPW', () => {
    it.each(['self', 'admin'])('lets the %s change the password', async (who) => {
      const parent = await createParent();
      const reply = await harness.call('auth', AuthParentService, 'changeParentPw', {
        UUID: who === 'self' ? parent.uuid : ADMIN,
        ParentUUID: parent.uuid,
        CurrentPW: 'parent5678',
        RevisionPW: 'renewed11',
      });
      expect(reply).toMatchObject({ Status: 200, Code: 0 });
      const login = await harness.call('auth', AuthParentService, 'loginParentAuth', {
        ParentID: parent.id,
        ParentPW: 'renewed11',
      });
      expect(login).toMatchObject({ Status: 200, LoggedInParentUUID: parent.uuid });
    });

    it.each([STUDENT1, TEACHER1, 'parent-999999999999'])('answers 403 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthParentService, 'changeParentPw', {
        UUID: caller,
        ParentUUID: PARENT1,
        CurrentPW: 'parent1234',
        RevisionPW: 'x12345',
      });
      expect(reply.Status).toBe(403);
    });

    it('answers 404 for an unknown parent', async () => {
      const reply = await harness.call('auth', AuthParentService, 'changeParentPw', {
        UUID: ADMIN,
        ParentUUID: 'parent-999999999999',
        CurrentPW: 'x',
        RevisionPW: 'x12345',
      });
      expect(reply.Status).toBe(404);
    });

    it('answers 409 −901 to a wrong current password', async () => {
      const reply = await harness.call('auth', AuthParentService, 'changeParentPw', {
        UUID: PARENT1,
        ParentUUID: PARENT1,
        CurrentPW: 'wrong',
        RevisionPW: 'x12345',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -901 });
    });
  });

  describe('GetParentInformWithUUID', () => {
    it.each([STUDENT2, TEACHER1, PARENT1, ADMIN])('returns parent1 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthParentService, 'getParentInformWithUuid', {
        UUID: caller,
        ParentUUID: PARENT1,
      });
      expect(reply).toEqual({
        Status: 200,
        Code: 0,
        Message: expect.any(String),
        Name: '홍판서',
        PhoneNumber: '01000000301',
      });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getParentInformWithUuid', {
        UUID: 'parents-000000000001',
        ParentUUID: PARENT1,
      });
      expect(reply.Status).toBe(403);
    });

    it('answers 404 for an unknown parent', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getParentInformWithUuid', {
        UUID: ADMIN,
        ParentUUID: 'parent-999999999999',
      });
      expect(reply.Status).toBe(404);
    });
  });

  describe('GetParentUUIDsWithInform', () => {
    it.each([
      ['a name substring', { Name: '판서' }],
      ['a phone substring', { PhoneNumber: '00000301' }],
    ])('finds parent1 by %s', async (_case, filter) => {
      const reply = await harness.call('auth', AuthParentService, 'getParentUuiDsWithInform', {
        UUID: TEACHER1,
        ...filter,
      });
      expect(reply).toMatchObject({ Status: 200, ParentUUIDs: [PARENT1] });
    });

    it('answers 407 to an all-empty filter', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getParentUuiDsWithInform', { UUID: ADMIN });
      expect(reply.Status).toBe(407);
    });

    it('answers 409 −521 when nothing matches', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getParentUuiDsWithInform', {
        UUID: ADMIN,
        Name: '없는부모',
      });
      expect(reply).toMatchObject({ Status: 409, Code: -521 });
    });

    it('answers 403 to a caller without a role', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getParentUuiDsWithInform', {
        UUID: '',
        Name: '홍',
      });
      expect(reply.Status).toBe(403);
    });
  });

  describe('GetChildrenInformsWithUUID', () => {
    it.each([PARENT1, ADMIN])('returns parent1’s child to %s', async (caller) => {
      const reply = await harness.call('auth', AuthParentService, 'getChildrenInformsWithUuid', {
        UUID: caller,
        ParentUUID: PARENT1,
      });
      expect(reply.Status).toBe(200);
      expect(reply.ChildrenInform).toEqual([
        {
          StudentUUID: STUDENT1,
          Grade: 2,
          Group: 1,
          StudentNumber: 1,
          Name: '홍길동',
          PhoneNumber: '01000000201',
          ImageURI: `profiles/uuids/${STUDENT1}`,
        },
      ]);
    });

    it('returns an empty list for a parent without linked children', async () => {
      const parent = await createParent();
      const reply = await harness.call('auth', AuthParentService, 'getChildrenInformsWithUuid', {
        UUID: parent.uuid,
        ParentUUID: parent.uuid,
      });
      expect(reply).toMatchObject({ Status: 200, ChildrenInform: [] });
    });

    it.each([STUDENT1, TEACHER1, 'parent-999999999999'])('answers 403 to %s', async (caller) => {
      const reply = await harness.call('auth', AuthParentService, 'getChildrenInformsWithUuid', {
        UUID: caller,
        ParentUUID: PARENT1,
      });
      expect(reply).toMatchObject({ Status: 403, ChildrenInform: [] });
    });

    it('answers 404 for an unknown parent', async () => {
      const reply = await harness.call('auth', AuthParentService, 'getChildrenInformsWithUuid', {
        UUID: ADMIN,
        ParentUUID: 'parent-999999999999',
      });
      expect(reply.Status).toBe(404);
    });
  });
});
