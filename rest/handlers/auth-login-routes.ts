import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { login } from '../route-graphql';

/** Routes 5, 9, 18, 19, 24: the service vouches for the account, the gateway signs the token (legacy-api.md §0.3). */
export const authLoginRoutes: RestRoute[] = [
  {
    id: 5,
    method: 'POST',
    path: '/v1/login/admin',
    auth: 'none',
    struct: 'LoginAdminAuthRequest',
    fields: { admin_id: ['string', 'required'], admin_pw: ['string', 'required'] },
    graphql: { denial: 'auth', field: login('Mutation.loginAdmin', 'admin_id') },
    handle: async ({ body, clients, tokens }) => {
      const reply = await clients.auth.admin.loginAdminAuth({
        AdminID: String(body.admin_id),
        AdminPW: String(body.admin_pw),
      });
      return answer(reply, {
        status: 200,
        message: 'succeed to login admin auth',
        fields: (r) => ({ access_token: tokens.sign(r.LoggedInAdminUUID).token, admin_uuid: r.LoggedInAdminUUID }),
      });
    },
  },
  {
    id: 9,
    method: 'POST',
    path: '/v1/login/student',
    auth: 'none',
    struct: 'LoginStudentAuthRequest',
    fields: { student_id: ['string', 'required'], student_pw: ['string', 'required'] },
    graphql: { denial: 'auth', field: login('Mutation.loginStudent', 'student_id') },
    handle: async ({ body, clients, tokens }) => {
      const reply = await clients.auth.student.loginStudentAuth({
        StudentID: String(body.student_id),
        StudentPW: String(body.student_pw),
      });
      return answer(reply, {
        status: 200,
        message: 'succeed to login student auth',
        fields: (r) => ({
          access_token: tokens.sign(r.LoggedInStudentUUID).token,
          student_uuid: r.LoggedInStudentUUID,
        }),
      });
    },
  },
  {
    id: 18,
    method: 'POST',
    path: '/v1/login/teacher',
    auth: 'none',
    struct: 'LoginTeacherAuthRequest',
    fields: { teacher_id: ['string', 'required'], teacher_pw: ['string', 'required'] },
    graphql: { denial: 'auth', field: login('Mutation.loginTeacher', 'teacher_id') },
    handle: async ({ body, clients, tokens }) => {
      const reply = await clients.auth.teacher.loginTeacherAuth({
        TeacherID: String(body.teacher_id),
        TeacherPW: String(body.teacher_pw),
      });
      return answer(reply, {
        status: 200,
        message: 'succeed to login teacher auth',
        fields: (r) => ({
          access_token: tokens.sign(r.LoggedInTeacherUUID).token,
          teacher_uuid: r.LoggedInTeacherUUID,
        }),
      });
    },
  },
  {
    id: 19,
    method: 'POST',
    path: '/v1/login/teacher/with-pick',
    auth: 'none',
    struct: 'LoginTeacherAuthRequest',
    fields: { teacher_id: ['string', 'required'], teacher_pw: ['string', 'required'] },
    // The PICK login is `loginTeacher(via: PICK)`: one field, so one login budget for both routes.
    graphql: { denial: 'auth', field: login('Mutation.loginTeacher', 'teacher_id'), variant: 'via' },
    handle: async ({ body, clients, tokens }) => {
      const reply = await clients.auth.teacher.loginTeacherAuthWithPick({
        TeacherID: String(body.teacher_id),
        TeacherPW: String(body.teacher_pw),
      });
      return answer(reply, {
        status: 200,
        message: 'succeed to login teacher auth with PICK',
        fields: (r) => ({
          access_token: tokens.sign(r.LoggedInTeacherUUID).token,
          teacher_uuid: r.LoggedInTeacherUUID,
        }),
      });
    },
  },
  {
    id: 24,
    method: 'POST',
    path: '/v1/login/parent',
    auth: 'none',
    struct: 'LoginParentAuthRequest',
    fields: { parent_id: ['string', 'required'], parent_pw: ['string', 'required'] },
    graphql: { denial: 'auth', field: login('Mutation.loginParent', 'parent_id') },
    handle: async ({ body, clients, tokens }) => {
      const reply = await clients.auth.parent.loginParentAuth({
        ParentID: String(body.parent_id),
        ParentPW: String(body.parent_pw),
      });
      return answer(reply, {
        status: 200,
        message: 'succeed to login parent auth',
        fields: (r) => ({ access_token: tokens.sign(r.LoggedInParentUUID).token, parent_uuid: r.LoggedInParentUUID }),
      });
    },
  },
];
