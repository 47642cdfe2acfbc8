import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';

const { student1, student2, student3, teacher1, parent1 } = DEMO_ACCOUNTS;

type Errors = Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> | undefined;
const firstError = (errors: Errors) => errors?.[0]?.extensions;

describe('GraphQL accounts: lookups and relationships', () => {
  let gateway: GatewayHarness;
  let tokens: Record<'admin' | 'teacher' | 'student1' | 'student2' | 'parent', string>;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
    tokens = {
      admin: await gateway.login('admin', 'admin', 'admin1234'),
      teacher: await gateway.login('teacher', 'teacher1', 'teacher1234'),
      student1: await gateway.login('student', 'student1', 'student1234'),
      student2: await gateway.login('student', 'student2', 'student1234'),
      parent: await gateway.login('parent', 'parent1', 'parent1234'),
    };
  });
  afterAll(() => gateway.close());

  const counts = () => gateway.services.services.callCounts();
  const resetCounts = () => gateway.services.services.resetCallCounts();

  describe('student', () => {
    it('answers every field of a student', async () => {
      const res = await gateway.graphql(operation('auth/student'), { id: student1.uuid }, { token: tokens.teacher });
      expect(res.body).toEqual({
        data: {
          student: {
            id: student1.uuid,
            role: 'STUDENT',
            name: student1.name,
            grade: 2,
            classNumber: 1,
            number: 1,
            phoneNumber: student1.phoneNumber,
            profileImageUri: `profiles/uuids/${student1.uuid}`,
          },
        },
      });
    });

    it('fails NOT_FOUND (legacyCode −601) for an unknown id', async () => {
      const res = await gateway.graphql(
        operation('auth/student'),
        { id: 'student-999999999999' },
        {
          token: tokens.teacher,
        },
      );
      expect(res.body.data).toEqual({ student: null });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'NOT_FOUND', legacyCode: -601 });
    });

    it('fails UNAUTHENTICATED without a token (refused at the edge)', async () => {
      const res = await gateway.graphql(operation('auth/student'), { id: student1.uuid });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('batches several students of one query into one call', async () => {
      resetCounts();
      const res = await gateway.graphql(
        `query { a: student(id: "${student1.uuid}") { name } b: student(id: "${student2.uuid}") { name grade } }`,
        {},
        { token: tokens.teacher },
      );
      expect(res.body.data).toEqual({ a: { name: student1.name }, b: { name: student2.name, grade: 1 } });
      expect(counts()).toEqual({ '/auth.student.AuthStudent/GetStudentInformsWithUUIDs': 1 });
    });
  });

  describe('studentsByIds', () => {
    it('answers the students in the order asked, in one call', async () => {
      resetCounts();
      const res = await gateway.graphql(
        operation('auth/students-by-ids'),
        { ids: [student3.uuid, student1.uuid] },
        { token: tokens.parent },
      );
      expect(res.body.data?.studentsByIds).toEqual([
        { id: student3.uuid, name: student3.name, grade: 3, classNumber: 2, number: 7 },
        { id: student1.uuid, name: student1.name, grade: 2, classNumber: 1, number: 1 },
      ]);
      expect(counts()).toEqual({ '/auth.student.AuthStudent/GetStudentInformsWithUUIDs': 1 });
    });

    it('fails NOT_FOUND (legacyCode −601) when one id is unknown', async () => {
      const res = await gateway.graphql(
        operation('auth/students-by-ids'),
        { ids: [student1.uuid, 'student-999999999999'] },
        { token: tokens.parent },
      );
      expect(res.body.data).toBeNull();
      expect(firstError(res.body.errors)).toMatchObject({ code: 'NOT_FOUND', legacyCode: -601 });
    });
  });

  describe('students(filter)', () => {
    it('matches numbers exactly and texts as substrings', async () => {
      const byGrade = await gateway.graphql(
        operation('auth/students'),
        { filter: { grade: 2 } },
        {
          token: tokens.teacher,
        },
      );
      expect(byGrade.body.data?.students).toEqual([
        {
          id: student1.uuid,
          name: student1.name,
          grade: 2,
          classNumber: 1,
          number: 1,
          phoneNumber: student1.phoneNumber,
        },
      ]);
      const byPhone = await gateway.graphql<{ students: Array<{ id: string }> }>(
        operation('auth/students'),
        { filter: { phoneNumber: '0000002' } },
        { token: tokens.teacher },
      );
      expect(byPhone.body.data?.students.map((s) => s.id).sort()).toEqual(
        [student1.uuid, student2.uuid, student3.uuid].sort(),
      );
      const byClass = await gateway.graphql(
        operation('auth/student-ids'),
        {
          filter: { grade: 1, classNumber: 3, number: 5, name: '영희' },
        },
        { token: tokens.teacher },
      );
      expect(byClass.body.data).toEqual({ students: [{ id: student2.uuid }] });
    });

    it('costs one search call when only ids are selected, and one more batched call for their fields', async () => {
      resetCounts();
      await gateway.graphql(
        operation('auth/student-ids'),
        { filter: { phoneNumber: '010' } },
        {
          token: tokens.teacher,
        },
      );
      expect(counts()).toEqual({ '/auth.student.AuthStudent/GetStudentUUIDsWithInform': 1 });
      resetCounts();
      await gateway.graphql(operation('auth/students'), { filter: { phoneNumber: '010' } }, { token: tokens.teacher });
      expect(counts()).toEqual({
        '/auth.student.AuthStudent/GetStudentUUIDsWithInform': 1,
        '/auth.student.AuthStudent/GetStudentInformsWithUUIDs': 1,
      });
    });

    it('answers an empty list when none match (the legacy 409 −501)', async () => {
      const res = await gateway.graphql(
        operation('auth/students'),
        { filter: { name: '없는이름' } },
        {
          token: tokens.teacher,
        },
      );
      expect(res.body).toEqual({ data: { students: [] } });
    });

    it('fails BAD_USER_INPUT for an empty filter', async () => {
      const res = await gateway.graphql(operation('auth/students'), { filter: {} }, { token: tokens.teacher });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });

    it('fails UNAUTHENTICATED without a token', async () => {
      const res = await gateway.graphql(operation('auth/students'), { filter: { grade: 2 } });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });
  });

  describe('Student.parent and Parent.children', () => {
    it('walks parent1 → children → parent with the parent token, reading the children from one call', async () => {
      resetCounts();
      const res = await gateway.graphql(
        operation('auth/parent-children'),
        { id: parent1.uuid },
        {
          token: tokens.parent,
        },
      );
      expect(res.body).toEqual({
        data: {
          parent: {
            id: parent1.uuid,
            name: parent1.name,
            children: [{ id: student1.uuid, name: student1.name, grade: 2, classNumber: 1, number: 1, parent: null }],
          },
        },
        errors: [expect.objectContaining({ path: ['parent', 'children', 0, 'parent'] })],
      });
      // The parent token may list the children but not read a student's parent (self or admin only).
      expect(firstError(res.body.errors as Errors)).toMatchObject({ code: 'FORBIDDEN' });
      expect(counts()['/auth.student.AuthStudent/GetStudentInformsWithUUIDs']).toBeUndefined();
    });

    it('walks parent1 → children → parent as admin', async () => {
      const res = await gateway.graphql(
        operation('auth/parent-children'),
        { id: parent1.uuid },
        {
          token: tokens.admin,
        },
      );
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toMatchObject({
        parent: { children: [{ id: student1.uuid, parent: { id: parent1.uuid, name: parent1.name } }] },
      });
    });

    it("answers a student's own parent, without reading the parent again", async () => {
      resetCounts();
      const res = await gateway.graphql(
        operation('auth/student-parent'),
        { id: student1.uuid },
        {
          token: tokens.student1,
        },
      );
      expect(res.body).toEqual({
        data: {
          student: {
            id: student1.uuid,
            parent: { id: parent1.uuid, role: 'PARENT', name: parent1.name, phoneNumber: parent1.phoneNumber },
          },
        },
      });
      expect(counts()['/auth.parent.AuthParent/GetParentInformWithUUID']).toBeUndefined();
    });

    it('answers null for a student without a parent', async () => {
      const res = await gateway.graphql(
        operation('auth/student-parent'),
        { id: student2.uuid },
        {
          token: tokens.student2,
        },
      );
      expect(res.body).toEqual({ data: { student: { id: student2.uuid, parent: null } } });
    });

    it("fails FORBIDDEN for another student's parent", async () => {
      const res = await gateway.graphql(
        operation('auth/student-parent'),
        { id: student1.uuid },
        {
          token: tokens.student2,
        },
      );
      expect(res.body.data).toEqual({ student: { id: student1.uuid, parent: null } });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
    });

    it("fails FORBIDDEN for another parent's children", async () => {
      const res = await gateway.graphql(
        operation('auth/parent-children'),
        { id: parent1.uuid },
        {
          token: tokens.student1,
        },
      );
      expect(res.body.data).toEqual({ parent: null });
      expect(firstError(res.body.errors)).toMatchObject({ code: 'FORBIDDEN' });
    });
  });

  describe('Student.parentStatus', () => {
    it('reports the link once (consistently within the request), then null', async () => {
      const first = await gateway.graphql(
        operation('auth/student-parent-status'),
        { id: student3.uuid },
        {
          token: tokens.admin,
        },
      );
      expect(first.body).toEqual({
        data: { student: { id: student3.uuid, parentStatus: 'NOT_CONNECTED', again: 'NOT_CONNECTED' } },
      });
      const second = await gateway.graphql(
        operation('auth/student-parent-status'),
        { id: student3.uuid },
        {
          token: tokens.admin,
        },
      );
      expect(second.body).toEqual({ data: { student: { id: student3.uuid, parentStatus: null, again: null } } });
    });
  });

  describe('teacher', () => {
    it('answers every field of a teacher', async () => {
      const res = await gateway.graphql(operation('auth/teacher'), { id: teacher1.uuid }, { token: tokens.student1 });
      expect(res.body).toEqual({
        data: {
          teacher: {
            id: teacher1.uuid,
            role: 'TEACHER',
            name: teacher1.name,
            homeroom: { grade: 2, classNumber: 1 },
            phoneNumber: teacher1.phoneNumber,
          },
        },
      });
    });

    it('fails NOT_FOUND for an unknown id, and UNAUTHENTICATED without a token', async () => {
      const unknown = await gateway.graphql(
        operation('auth/teacher'),
        { id: 'teacher-999999999999' },
        {
          token: tokens.student1,
        },
      );
      expect(unknown.body.data).toEqual({ teacher: null });
      expect(firstError(unknown.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const anonymous = await gateway.graphql(operation('auth/teacher'), { id: teacher1.uuid });
      expect(firstError(anonymous.body.errors)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('finds teachers by filter, with an empty list when none match and BAD_USER_INPUT for an empty filter', async () => {
      const found = await gateway.graphql(
        operation('auth/teachers'),
        { filter: { grade: 2, classNumber: 1 } },
        {
          token: tokens.parent,
        },
      );
      expect(found.body.data).toEqual({
        teachers: [{ id: teacher1.uuid, name: teacher1.name, homeroom: { grade: 2, classNumber: 1 } }],
      });
      const none = await gateway.graphql(
        operation('auth/teachers'),
        { filter: { name: '없는이름' } },
        {
          token: tokens.parent,
        },
      );
      expect(none.body).toEqual({ data: { teachers: [] } });
      const empty = await gateway.graphql(operation('auth/teachers'), { filter: {} }, { token: tokens.parent });
      expect(firstError(empty.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });

  describe('parent', () => {
    it('answers every field of a parent', async () => {
      const res = await gateway.graphql(operation('auth/parent'), { id: parent1.uuid }, { token: tokens.teacher });
      expect(res.body).toEqual({
        data: { parent: { id: parent1.uuid, role: 'PARENT', name: parent1.name, phoneNumber: parent1.phoneNumber } },
      });
    });

    it('fails NOT_FOUND for an unknown id, and UNAUTHENTICATED without a token', async () => {
      const unknown = await gateway.graphql(
        operation('auth/parent'),
        { id: 'parent-999999999999' },
        {
          token: tokens.teacher,
        },
      );
      expect(firstError(unknown.body.errors)).toMatchObject({ code: 'NOT_FOUND' });
      const anonymous = await gateway.graphql(operation('auth/parent'), { id: parent1.uuid });
      expect(firstError(anonymous.body.errors)).toMatchObject({ code: 'UNAUTHENTICATED' });
    });

    it('finds parents by filter, with an empty list when none match and BAD_USER_INPUT for an empty filter', async () => {
      const found = await gateway.graphql(
        operation('auth/parents'),
        { filter: { name: '판서' } },
        {
          token: tokens.teacher,
        },
      );
      expect(found.body.data).toEqual({
        parents: [{ id: parent1.uuid, name: parent1.name, phoneNumber: parent1.phoneNumber }],
      });
      const none = await gateway.graphql(
        operation('auth/parents'),
        { filter: { phoneNumber: '0109999' } },
        {
          token: tokens.teacher,
        },
      );
      expect(none.body).toEqual({ data: { parents: [] } });
      const empty = await gateway.graphql(operation('auth/parents'), { filter: {} }, { token: tokens.teacher });
      expect(firstError(empty.body.errors)).toMatchObject({ code: 'BAD_USER_INPUT' });
    });
  });
});
