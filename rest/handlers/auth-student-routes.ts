import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { accountTags } from '../route-cache-rule';
import { pathParam, root, withPath } from '../route-graphql';
import { param, studentRow } from './account-fields';

/** Routes 10–16 (legacy-api.md §1.3). */
export const authStudentRoutes: RestRoute[] = [
  {
    id: 10,
    method: 'PUT',
    path: '/v1/students/uuid/:student_uuid/password',
    auth: 'jwt',
    struct: 'ChangeStudentPWRequest',
    fields: { current_pw: ['string', 'required'], revision_pw: ['string', 'required,min=4,max=16'] },
    graphql: { denial: 'auth', field: withPath('Mutation.changeStudentPassword', 'id', 'student_uuid') },
    writes: (c) => ({ field: 'changeStudentPassword', args: { id: pathParam(c, 'student_uuid') } }),
    // QUIRK (legacy-api.md §6.1): the gateway expected 201, the service answers 200, so clients saw 200 with
    // the service's message. Kept.
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.auth.student.changeStudentPw({
          StudentUUID: param(params, 'student_uuid'),
          CurrentPW: String(body.current_pw),
          RevisionPW: String(body.revision_pw),
        }),
        { status: 200 },
      ),
  },
  {
    id: 11,
    method: 'GET',
    path: '/v1/students/uuid/:student_uuid',
    auth: 'jwt',
    graphql: { denial: 'auth', field: withPath('Query.student', 'id', 'student_uuid') },
    cache: {
      field: 'student',
      args: (c) => ({ id: pathParam(c, 'student_uuid') }),
      entities: (c) => accountTags('Student', pathParam(c, 'student_uuid')),
    },
    handle: async ({ params, clients }) =>
      answer(await clients.auth.student.getStudentInformWithUuid({ StudentUUID: param(params, 'student_uuid') }), {
        status: 200,
        message: 'succeed to get student inform with uuid',
        fields: (r) => ({
          name: r.Name,
          phone_number: r.PhoneNumber,
          profile_uri: r.ImageURI,
          parent_status: r.ParentStatus,
          grade: r.Grade,
          group: r.Group,
          student_number: r.StudentNumber,
        }),
      }),
  },
  {
    id: 12,
    method: 'GET',
    path: '/v1/student-uuids',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetStudentUUIDsWithInformRequest',
    fields: {
      grade: ['int', 'int_range=0~3'],
      group: ['int', 'int_range=0~4'],
      student_number: ['int', 'int_range=0~21'],
      name: ['string'],
      phone_number: ['string'],
      profile_uri: ['string'],
    },
    graphql: { denial: 'auth', field: root('Query.students'), variant: 'filter' },
    cache: { field: 'students', entities: () => ['Student'] },
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.student.getStudentUuiDsWithInform({
          Grade: Number(body.grade ?? 0),
          Group: Number(body.group ?? 0),
          StudentNumber: Number(body.student_number ?? 0),
          Name: String(body.name ?? ''),
          PhoneNumber: String(body.phone_number ?? ''),
          ImageURI: String(body.profile_uri ?? ''),
        }),
        {
          status: 200,
          message: 'succeed to get student uuids with inform',
          fields: (r) => ({ student_uuids: r.StudentUUIDs }),
        },
      ),
  },
  {
    id: 13,
    method: 'POST',
    path: '/v1/students/with-uuids',
    auth: 'jwt',
    struct: 'GetStudentInformsWithUUIDsRequest',
    fields: { student_uuids: ['strings', 'required'] },
    graphql: { denial: 'auth', field: root('Query.studentsByIds') },
    handle: async ({ body, clients }) =>
      answer(await clients.auth.student.getStudentInformsWithUuiDs({ StudentUUIDs: body.student_uuids as string[] }), {
        status: 200,
        message: 'succeed to get student informs with uuids',
        fields: (r) => ({ students: r.StudentInforms.map(studentRow) }),
      }),
  },
  {
    id: 14,
    method: 'GET',
    path: '/v1/students/uuid/:student_uuid/parent',
    auth: 'jwt',
    graphql: {
      denial: 'auth',
      field: (c) => ({ coordinate: 'Student.parent', args: {}, parent: { id: pathParam(c, 'student_uuid') } }),
    },
    // `student(id) { parent }`: createParent and signUpWithAuthCode link parents by the `Student` type tag.
    cache: {
      field: 'student',
      args: (c) => ({ id: pathParam(c, 'student_uuid') }),
      entities: (c, e) => [
        ...accountTags('Student', pathParam(c, 'student_uuid')),
        ...accountTags('Parent', String(e.parent_uuid ?? '')),
      ],
    },
    handle: async ({ params, clients }) =>
      answer(await clients.auth.student.getParentWithStudentUuid({ StudentUUID: param(params, 'student_uuid') }), {
        status: 200,
        message: 'succeed to get parent with student uuid',
        fields: (r) => ({ parent_uuid: r.ParentUUID, name: r.Name, phone_number: r.PhoneNumber }),
      }),
  },
  {
    id: 15,
    method: 'GET',
    path: '/v1/students/auth-code/:auth_code',
    auth: 'none',
    graphql: {
      denial: 'auth',
      field: (c) => ({ coordinate: 'Query.unsignedStudent', args: { authCode: Number(pathParam(c, 'auth_code')) } }),
    },
    handle: async ({ params, clients }) => {
      const authCode = param(params, 'auth_code');
      if (!/^\d+$/.test(authCode) || Number(authCode) === 0 || Number(authCode) > 0xffffffff) {
        return { status: 400, code: -202, message: `failed to bind request: invalid auth_code ${authCode}` };
      }
      return answer(await clients.auth.student.getUnsignedStudentWithAuthCode({ AuthCode: Number(authCode) }), {
        status: 200,
        fields: (r) => ({
          name: r.Name,
          phone_number: r.PhoneNumber,
          grade: r.Grade,
          group: r.Group,
          student_number: r.StudentNumber,
        }),
      });
    },
  },
  {
    id: 16,
    method: 'POST',
    path: '/v1/students/with-code',
    auth: 'none',
    struct: 'CreateNewStudentWithAuthCodeRequest',
    fields: {
      auth_code: ['int', 'required'],
      student_id: ['string', 'required,min=4,max=16'],
      student_pw: ['string', 'required,min=4,max=16'],
    },
    graphql: {
      denial: 'auth',
      field: (c) => ({
        coordinate: 'Mutation.signUpWithAuthCode',
        args: { authCode: Number(c.body.auth_code), loginId: String(c.body.student_id ?? '') },
      }),
    },
    writes: () => ({ field: 'signUpWithAuthCode' }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.student.createNewStudentWithAuthCode({
          AuthCode: Number(body.auth_code),
          StudentID: String(body.student_id),
          StudentPW: String(body.student_pw),
        }),
        { status: 201, fields: (r) => ({ student_uuid: r.StudentUUID }) },
      ),
  },
];
