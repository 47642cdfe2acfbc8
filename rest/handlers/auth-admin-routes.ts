import { isGatewayError } from '../../core/errors';
import { parseUnsignedStudentsWorkbook } from '../../core/excel/parse-unsigned-students';
import type { Envelope } from '../envelope';
import type { FieldSpecs, UploadedFile } from '../field-specs';
import type { RestContext, RestRoute } from '../rest-route';
import { answer } from '../rest-route';
import { pathParam, root } from '../route-graphql';

/** Routes 7 and 8: the workbook is parsed here (legacy-api.md §4.6), the rows go to AddUnsignedStudents. */
async function importUnsignedStudents({ body, params, clients }: RestContext): Promise<Envelope> {
  const file = body.excel as UploadedFile;
  if (!file.filename.endsWith('.xlsx')) {
    return {
      status: 400,
      code: -203,
      message:
        "Key: 'AddUnsignedStudentsFromExcelRequest.Excel' Error:Field validation for 'Excel' failed on the 'xlsx' tag",
    };
  }
  let students;
  try {
    const sheet = params.sheet;
    ({ students } = await parseUnsignedStudentsWorkbook(file.data, sheet === undefined ? {} : { sheet }));
  } catch (error) {
    if (isGatewayError(error)) return { status: 400, code: 0, message: error.message };
    throw error;
  }
  const reply = await clients.auth.admin.addUnsignedStudents({
    Students: students.map((s) => ({
      Name: s.name,
      PhoneNumber: s.phoneNumber,
      Grade: s.grade,
      Group: s.group,
      StudentNumber: s.studentNumber,
    })),
  });
  return answer(reply, {
    status: 201,
    fields: (r) => ({ req_student_count: students.length, add_count: r.AddCount, no_add_count: r.NoAddCount }),
  });
}

const EXCEL_FIELDS: FieldSpecs = { excel: ['file', 'required'] };

/** Routes 3, 4, 6, 7, 8 (legacy-api.md §1.2); the admin role is checked by the auth service. */
export const authAdminRoutes: RestRoute[] = [
  {
    id: 3,
    method: 'POST',
    path: '/v1/students',
    auth: 'jwt',
    struct: 'CreateNewStudentRequest',
    fields: {
      student_id: ['string', 'required,min=4,max=16'],
      student_pw: ['string', 'required,min=4,max=16'],
      parent_uuid: ['string', 'uuid=parent'],
      grade: ['int', 'required,int_range=1~3'],
      group: ['int', 'required,int_range=1~4'],
      student_number: ['int', 'required,int_range=1~21'],
      name: ['string', 'required,korean,min=2,max=4'],
      phone_number: ['string', 'required,phone_number,len=11'],
      profile: ['file', 'required'],
    },
    graphql: { denial: 'auth', field: root('Mutation.createStudent'), variant: 'profileImage' },
    writes: (c) => ({ field: 'createStudent', args: { input: { parentId: c.body.parent_uuid } } }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.admin.createNewStudent({
          StudentID: String(body.student_id),
          StudentPW: String(body.student_pw),
          ParentUUID: String(body.parent_uuid ?? ''),
          Grade: Number(body.grade),
          Group: Number(body.group),
          StudentNumber: Number(body.student_number),
          Name: String(body.name),
          PhoneNumber: String(body.phone_number),
          Image: (body.profile as UploadedFile).data,
        }),
        {
          status: 201,
          message: 'succeed to create new student',
          fields: (r) => ({ student_uuid: r.CreatedStudentUUID }),
        },
      ),
  },
  {
    id: 4,
    method: 'POST',
    path: '/v1/parents',
    auth: 'jwt',
    struct: 'CreateNewParentRequest',
    // QUIRK (legacy-api.md §0.5): the element rules of `children` never ran (no `dive`); only presence is checked.
    fields: {
      parent_id: ['string', 'required,min=4,max=16'],
      parent_pw: ['string', 'required,min=4,max=16'],
      name: ['string', 'required,korean,min=2,max=4'],
      phone_number: ['string', 'phone_number'],
      children: ['objects', 'required'],
    },
    graphql: { denial: 'auth', field: root('Mutation.createParent') },
    writes: () => ({ field: 'createParent' }),
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.admin.createNewParent({
          ParentID: String(body.parent_id),
          ParentPW: String(body.parent_pw),
          Name: String(body.name),
          PhoneNumber: String(body.phone_number ?? ''),
          ChildrenInform: (body.children as Array<Record<string, unknown>>).map((child) => ({
            Grade: Number(child.grade ?? 0),
            Group: Number(child.group ?? 0),
            StudentNumber: Number(child.student_number ?? 0),
            Name: String(child.name ?? ''),
          })),
        }),
        { status: 201, message: 'succeed to create new parent', fields: (r) => ({ parent_uuid: r.CreatedParentUUID }) },
      ),
  },
  {
    id: 6,
    method: 'POST',
    path: '/v1/join-sms/unsigned-students',
    auth: 'jwt',
    bind: 'query',
    struct: 'SendJoinSMSToUnsignedStudentsRequest',
    fields: { grade: ['int'], group: ['int'], student_number: ['int'] },
    graphql: { denial: 'auth', field: root('Mutation.sendJoinSms') },
    handle: async ({ body, clients }) =>
      answer(
        await clients.auth.admin.sendJoinSmsToUnsignedStudents({
          TargetGrade: Number(body.grade ?? 0),
          TargetGroup: Number(body.group ?? 0),
          TargetNumber: Number(body.student_number ?? 0),
        }),
        // QUIRK (legacy-api.md §6.2): both counts were filled from SendCount; clients saw that, so it is kept.
        { status: 200, fields: (r) => ({ send_count: r.SendCount, no_send_count: r.SendCount }) },
      ),
  },
  {
    id: 7,
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel',
    auth: 'jwt',
    struct: 'AddUnsignedStudentsFromExcelRequest',
    fields: { ...EXCEL_FIELDS },
    graphql: { denial: 'auth', field: root('Mutation.importUnsignedStudents'), variant: 'file' },
    handle: importUnsignedStudents,
  },
  {
    id: 8,
    method: 'POST',
    path: '/v1/unsigned-students/parsed-by/excel/sheets/:sheet',
    auth: 'jwt',
    struct: 'AddUnsignedStudentsFromExcelRequest',
    fields: { ...EXCEL_FIELDS },
    graphql: {
      denial: 'auth',
      field: (c) => ({ coordinate: 'Mutation.importUnsignedStudents', args: { sheet: pathParam(c, 'sheet') } }),
      variant: 'sheet',
    },
    handle: importUnsignedStudents,
  },
];
