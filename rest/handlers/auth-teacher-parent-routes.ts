import type { RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { accountTags, rowIds } from '../route-cache-rule';
import { pathParam, root, withPath } from '../route-graphql';
import { param, studentRow } from './account-fields';

/** Routes 17, 20–23 (teachers) and 25–28 (parents), legacy-api.md §1.4–§1.5. */
export const authTeacherParentRoutes: RestRoute[] = [
  {
    id: 17,
    method: 'POST',
    path: '/v1/teachers',
    auth: 'none',
    struct: 'CreateNewTeacherRequest',
    fields: {
      teacher_id: ['string', 'required,min=4,max=16'],
      teacher_pw: ['string', 'required,min=4,max=16'],
      grade: ['int', 'int_range=0~3'],
      group: ['int', 'int_range=0~4'],
      name: ['string', 'required,korean,min=2,max=4'],
      phone_number: ['string', 'required,phone_number,len=11'],
    },
    graphql: { denial: 'auth', field: root('Mutation.registerTeacher') },
    writes: () => ({ field: 'registerTeacher' }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.teacher.createNewTeacher({
          TeacherID: String(body.teacher_id),
          TeacherPW: String(body.teacher_pw),
          Grade: Number(body.grade ?? 0),
          Group: Number(body.group ?? 0),
          Name: String(body.name),
          PhoneNumber: String(body.phone_number),
        }),
        {
          status: 201,
          message: 'succeed to create new teacher, you can use it after approval',
          fields: (r) => ({ teacher_uuid: r.CreatedTeacherUUID }),
        },
      ),
  },
  {
    id: 20,
    method: 'PUT',
    path: '/v1/teachers/uuid/:teacher_uuid/password',
    auth: 'jwt',
    struct: 'ChangeTeacherPWRequest',
    fields: { current_pw: ['string', 'required'], revision_pw: ['string', 'required,min=4,max=16'] },
    graphql: { denial: 'auth', field: withPath('Mutation.changeTeacherPassword', 'id', 'teacher_uuid') },
    writes: (c) => ({ field: 'changeTeacherPassword', args: { id: pathParam(c, 'teacher_uuid') } }),
    // QUIRK (legacy-api.md §6.1): 200 with the service's message, as clients saw it. Kept.
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.auth.teacher.changeTeacherPw({
          TeacherUUID: param(params, 'teacher_uuid'),
          CurrentPW: String(body.current_pw),
          RevisionPW: String(body.revision_pw),
        }),
        { status: 200 },
      ),
  },
  {
    id: 21,
    method: 'GET',
    path: '/v1/teachers/uuid/:teacher_uuid',
    auth: 'jwt',
    graphql: { denial: 'auth', field: withPath('Query.teacher', 'id', 'teacher_uuid') },
    cache: {
      field: 'teacher',
      args: (c) => ({ id: pathParam(c, 'teacher_uuid') }),
      entities: (c) => accountTags('Teacher', pathParam(c, 'teacher_uuid')),
    },
    handle: async ({ params, clients }) =>
      answer(await clients.auth.teacher.getTeacherInformWithUuid({ TeacherUUID: param(params, 'teacher_uuid') }), {
        status: 200,
        message: 'succeed to get teacher inform with uuid',
        fields: (r) => ({ name: r.Name, phone_number: r.PhoneNumber, grade: r.Grade, group: r.Group }),
      }),
  },
  {
    id: 22,
    method: 'GET',
    path: '/v1/teacher-uuids',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetTeacherUUIDsWithInformRequest',
    fields: {
      grade: ['int', 'int_range=0~3'],
      group: ['int', 'int_range=0~4'],
      name: ['string'],
      phone_number: ['string'],
    },
    graphql: { denial: 'auth', field: root('Query.teachers'), variant: 'filter' },
    cache: { field: 'teachers', entities: () => ['Teacher'] },
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.teacher.getTeacherUuiDsWithInform({
          Grade: Number(body.grade ?? 0),
          Group: Number(body.group ?? 0),
          Name: String(body.name ?? ''),
          PhoneNumber: String(body.phone_number ?? ''),
        }),
        {
          status: 200,
          message: 'succeed to get teacher uuids with inform',
          fields: (r) => ({ teacher_uuids: r.TeacherUUIDs }),
        },
      ),
  },
  {
    id: 23,
    method: 'PATCH',
    path: '/v1/teachers/uuid/:teacher_uuid',
    auth: 'jwt',
    struct: 'ChangeTeacherInformRequest',
    fields: { phone_number: ['string', 'phone_number'] },
    graphql: { denial: 'auth', field: withPath('Mutation.changeTeacherPhoneNumber', 'id', 'teacher_uuid') },
    writes: (c) => ({ field: 'changeTeacherPhoneNumber', args: { id: pathParam(c, 'teacher_uuid') } }),
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.auth.teacher.changeTeacherInform({
          TeacherUUID: param(params, 'teacher_uuid'),
          PhoneNumber: String(body.phone_number ?? ''),
        }),
        { status: 200, message: 'succeed to change teacher inform' },
      ),
  },
  {
    id: 25,
    method: 'PUT',
    path: '/v1/parents/uuid/:parent_uuid/password',
    auth: 'jwt',
    struct: 'ChangeParentPWRequest',
    fields: { current_pw: ['string', 'required'], revision_pw: ['string', 'required,min=4,max=16'] },
    graphql: { denial: 'auth', field: withPath('Mutation.changeParentPassword', 'id', 'parent_uuid') },
    writes: (c) => ({ field: 'changeParentPassword', args: { id: pathParam(c, 'parent_uuid') } }),
    // QUIRK (legacy-api.md §6.1): 200 with the service's message, as clients saw it. Kept.
    handle: async ({ body, params, clients }) =>
      answer(
        await clients.auth.parent.changeParentPw({
          ParentUUID: param(params, 'parent_uuid'),
          CurrentPW: String(body.current_pw),
          RevisionPW: String(body.revision_pw),
        }),
        { status: 200 },
      ),
  },
  {
    id: 26,
    method: 'GET',
    path: '/v1/parents/uuid/:parent_uuid',
    auth: 'jwt',
    graphql: { denial: 'auth', field: withPath('Query.parent', 'id', 'parent_uuid') },
    cache: {
      field: 'parent',
      args: (c) => ({ id: pathParam(c, 'parent_uuid') }),
      entities: (c) => accountTags('Parent', pathParam(c, 'parent_uuid')),
    },
    handle: async ({ params, clients }) =>
      answer(await clients.auth.parent.getParentInformWithUuid({ ParentUUID: param(params, 'parent_uuid') }), {
        status: 200,
        message: 'succeed to get parent inform with uuid',
        fields: (r) => ({ name: r.Name, phone_number: r.PhoneNumber }),
      }),
  },
  {
    id: 27,
    method: 'GET',
    path: '/v1/parent-uuids',
    auth: 'jwt',
    bind: 'query',
    struct: 'GetParentUUIDsWithInformRequest',
    fields: { name: ['string'], phone_number: ['string'] },
    graphql: { denial: 'auth', field: root('Query.parents'), variant: 'filter' },
    cache: { field: 'parents', entities: () => ['Parent'] },
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.parent.getParentUuiDsWithInform({
          Name: String(body.name ?? ''),
          PhoneNumber: String(body.phone_number ?? ''),
        }),
        {
          status: 200,
          message: 'succeed to get parent uuids with inform',
          fields: (r) => ({ parent_uuids: r.ParentUUIDs }),
        },
      ),
  },
  {
    id: 28,
    method: 'GET',
    path: '/v1/parents/uuid/:parent_uuid/children',
    auth: 'jwt',
    graphql: {
      denial: 'auth',
      field: (c) => ({ coordinate: 'Parent.children', args: {}, parent: { id: pathParam(c, 'parent_uuid') } }),
    },
    // `parent(id) { children }`: a new student linked to the parent drops `Parent:<id>` (or the `Parent` type).
    cache: {
      field: 'parent',
      args: (c) => ({ id: pathParam(c, 'parent_uuid') }),
      entities: (c, e) => [
        ...accountTags('Parent', pathParam(c, 'parent_uuid')),
        'Student',
        ...rowIds(e, 'children', 'student_uuid').map((id) => ['entity', 'Student', id] as const),
      ],
    },
    handle: async ({ params, clients }) =>
      answer(await clients.auth.parent.getChildrenInformsWithUuid({ ParentUUID: param(params, 'parent_uuid') }), {
        status: 200,
        message: 'succeed to get children informs with uuid',
        fields: (r) => ({ children: r.ChildrenInform.map(studentRow) }),
      }),
  },
];
