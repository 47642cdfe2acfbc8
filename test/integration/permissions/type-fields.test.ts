/**
 * The rules on object fields: relationships only the account itself or an admin may read (checked when the field
 * resolves, with the object in hand), and account fields an anonymous caller reads only in their login reply.
 */
import { createAccessTokens } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';

const tokens = createAccessTokens(TEST_JWT_SECRET);
const tokenOf = (uuid: string) => tokens.sign(uuid).token;
const STUDENT1 = 'student-000000000001';
const PARENT1 = 'parent-000000000001';
const GET_PARENT = '/auth.student.AuthStudent/GetParentWithStudentUUID';
const GET_CHILDREN = '/auth.parent.AuthParent/GetChildrenInformsWithUUID';

describe('object fields', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(async () => {
    await gateway?.close();
  });

  const studentParent = `{ student(id: "${STUDENT1}") { id name parent { id } } }`;
  const parentChildren = `{ parent(id: "${PARENT1}") { id name children { id } } }`;

  it.each([
    ['the student themself', STUDENT1],
    ['an admin', 'admin-000000000001'],
  ])('Student.parent is read by %s', async (_who, uuid) => {
    const res = await gateway.graphql(studentParent, undefined, { token: tokenOf(uuid) });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({ student: { id: STUDENT1, name: expect.any(String), parent: { id: PARENT1 } } });
  });

  it.each([
    ['another student', 'student-000000000002'],
    ['a teacher', 'teacher-000000000001'],
    ['the parent', PARENT1],
  ])('Student.parent is refused to %s, without the parent read', async (_who, uuid) => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql(studentParent, undefined, { token: tokenOf(uuid) });
    expect(res.body.data).toEqual({ student: { id: STUDENT1, name: expect.any(String), parent: null } });
    expect(res.body.errors?.[0]).toMatchObject({ path: ['student', 'parent'], extensions: { code: 'FORBIDDEN' } });
    expect(gateway.services.services.callCounts()[GET_PARENT]).toBeUndefined();
  });

  it('Parent.children is read by the parent themself and refused to another parent and a student', async () => {
    const own = await gateway.graphql(parentChildren, undefined, { token: tokenOf(PARENT1) });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data).toMatchObject({ parent: { children: [{ id: STUDENT1 }] } });
    for (const uuid of ['parent-000000000099', STUDENT1]) {
      gateway.services.services.resetCallCounts();
      const res = await gateway.graphql(parentChildren, undefined, { token: tokenOf(uuid) });
      expect(res.body.errors?.[0]).toMatchObject({ path: ['parent', 'children'], extensions: { code: 'FORBIDDEN' } });
      expect(gateway.services.services.callCounts()[GET_CHILDREN]).toBeUndefined();
    }
  });

  it('an anonymous login reply shows the account; its relationships need the token', async () => {
    const login = (fields: string) =>
      gateway.graphql(
        `mutation { loginStudent(id: "student1", password: "student1234") { account { ... on Student { ${fields} } } } }`,
      );
    const own = await login('id name grade');
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data).toEqual({ loginStudent: { account: { id: STUDENT1, name: expect.any(String), grade: 2 } } });
    const relationship = await login('id parent { id }');
    expect(relationship.body.errors?.[0]).toMatchObject({
      path: ['loginStudent', 'account', 'parent'],
      extensions: { code: 'UNAUTHENTICATED', legacyCode: -101 },
    });
  });

  it('an anonymous registration shows only the new id', async () => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql(
      'mutation { registerTeacher(input: { loginId: "teacher55", password: "pass1234", name: "박선생", phoneNumber: "01044445555" }) { id name } }',
    );
    expect(res.body.data ?? null).toBeNull();
    expect(res.body.errors?.[0]).toMatchObject({
      path: ['registerTeacher', 'name'],
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(gateway.services.services.callCounts()).toEqual({});
  });
});
