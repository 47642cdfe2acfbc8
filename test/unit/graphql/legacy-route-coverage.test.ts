import { isObjectType, type GraphQLSchema } from 'graphql';
import { createExecutableSchema } from '../../../src/graphql/executable-schema';

/**
 * Every legacy business route (legacy-api.md §1, routes 3–69; the Naver proxy, route 70, is not part of the
 * GraphQL API) and the GraphQL field that does its job, with the argument that selects a variant where one does.
 */
const ROUTES: Array<[route: number, legacy: string, field: string, argument?: string]> = [
  [3, 'POST /v1/students', 'Mutation.createStudent', 'profileImage'],
  [4, 'POST /v1/parents', 'Mutation.createParent'],
  [5, 'POST /v1/login/admin', 'Mutation.loginAdmin'],
  [6, 'POST /v1/join-sms/unsigned-students', 'Mutation.sendJoinSms'],
  [7, 'POST /v1/unsigned-students/parsed-by/excel', 'Mutation.importUnsignedStudents', 'file'],
  [8, 'POST /v1/unsigned-students/parsed-by/excel/sheets/:sheet', 'Mutation.importUnsignedStudents', 'sheet'],
  [9, 'POST /v1/login/student', 'Mutation.loginStudent'],
  [10, 'PUT /v1/students/uuid/:student_uuid/password', 'Mutation.changeStudentPassword'],
  [11, 'GET /v1/students/uuid/:student_uuid', 'Query.student'],
  [12, 'GET /v1/student-uuids', 'Query.students', 'filter'],
  [13, 'POST /v1/students/with-uuids', 'Query.studentsByIds'],
  [14, 'GET /v1/students/uuid/:student_uuid/parent', 'Student.parent'],
  [15, 'GET /v1/students/auth-code/:auth_code', 'Query.unsignedStudent'],
  [16, 'POST /v1/students/with-code', 'Mutation.signUpWithAuthCode'],
  [17, 'POST /v1/teachers', 'Mutation.registerTeacher'],
  [18, 'POST /v1/login/teacher', 'Mutation.loginTeacher'],
  [19, 'POST /v1/login/teacher/with-pick', 'Mutation.loginTeacher', 'via'],
  [20, 'PUT /v1/teachers/uuid/:teacher_uuid/password', 'Mutation.changeTeacherPassword'],
  [21, 'GET /v1/teachers/uuid/:teacher_uuid', 'Query.teacher'],
  [22, 'GET /v1/teacher-uuids', 'Query.teachers', 'filter'],
  [23, 'PATCH /v1/teachers/uuid/:teacher_uuid', 'Mutation.changeTeacherPhoneNumber'],
  [24, 'POST /v1/login/parent', 'Mutation.loginParent'],
  [25, 'PUT /v1/parents/uuid/:parent_uuid/password', 'Mutation.changeParentPassword'],
  [26, 'GET /v1/parents/uuid/:parent_uuid', 'Query.parent'],
  [27, 'GET /v1/parent-uuids', 'Query.parents', 'filter'],
  [28, 'GET /v1/parents/uuid/:parent_uuid/children', 'Parent.children'],
  [29, 'POST /v1/clubs', 'Mutation.createClub', 'logo'],
  [30, 'GET /v1/clubs/sorted-by/update-time', 'Query.clubs'],
  [31, 'GET /v1/recruitments/sorted-by/create-time', 'Query.recruitments'],
  [32, 'GET /v1/clubs', 'Query.clubsByIds'],
  [33, 'GET /v1/clubs/uuid/:club_uuid', 'Query.club'],
  [34, 'GET /v1/recruitments/uuid/:recruitment_uuid', 'Query.recruitment'],
  [35, 'GET /v1/clubs/uuid/:club_uuid/recruitment-uuid', 'Club.currentRecruitment'],
  [36, 'GET /v1/recruitment-uuids', 'Club.currentRecruitment'],
  [37, 'GET /v1/clubs/property/fields', 'Query.clubFields'],
  [38, 'GET /v1/clubs/count', 'Query.clubCount'],
  [39, 'GET /v1/recruitments/count', 'Query.currentRecruitmentCount'],
  [40, 'GET /v1/leaders/uuid/:leader_uuid/club-uuid', 'Query.clubOfLeader'],
  [41, 'DELETE /v1/clubs/uuid/:club_uuid', 'Mutation.deleteClub'],
  [42, 'POST /v1/clubs/uuid/:club_uuid/members', 'Mutation.addClubMember'],
  [43, 'DELETE /v1/clubs/uuid/:club_uuid/members/:student_uuid', 'Mutation.removeClubMember'],
  [44, 'PUT /v1/clubs/uuid/:club_uuid/leader', 'Mutation.changeClubLeader'],
  [45, 'PATCH /v1/clubs/uuid/:club_uuid', 'Mutation.modifyClub'],
  [46, 'POST /v1/recruitments', 'Mutation.registerRecruitment'],
  [47, 'PATCH /v1/recruitments/uuid/:recruitment_uuid', 'Mutation.modifyRecruitment'],
  [48, 'DELETE /v1/recruitments/uuid/:recruitment_uuid', 'Mutation.deleteRecruitment'],
  [49, 'POST /v1/outings', 'Mutation.createOuting'],
  [50, 'GET /v1/students/uuid/:student_uuid/outings', 'Query.myOutings'],
  [51, 'GET /v1/outings/uuid/:outing_uuid', 'Query.outing'],
  [52, 'GET /v1/outings/uuid/:outing_uuid/card', 'Query.outingCard'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/start', 'Mutation.startOuting'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/end', 'Mutation.endOuting'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/teacher-approve', 'Mutation.approveOuting'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/teacher-reject', 'Mutation.rejectOuting'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/certify', 'Mutation.certifyOuting'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/parent-approve', 'Mutation.approveOutingByConfirmCode'],
  [53, 'POST /v1/outings/uuid/:outing_uuid/actions/parent-reject', 'Mutation.rejectOutingByConfirmCode'],
  [54, 'GET /v1/outings/with-filter', 'Query.outings', 'filter'],
  [55, 'GET /v1/outings/code/:OCode', 'Query.outingByConfirmCode'],
  [56, 'PATCH /v1/outings/uuid/:outing_uuid', 'Mutation.changeOutingEndTime'],
  [57, 'POST /v1/schedules', 'Mutation.createCalendarEvent'],
  [58, 'GET /v1/schedules/years/:year/months/:month', 'Query.calendar'],
  [59, 'GET /v1/time-tables/years/:year/months/:month/days/:day', 'Query.timetable', 'days'],
  [60, 'PATCH /v1/schedules/uuid/:schedule_uuid', 'Mutation.updateCalendarEvent'],
  [61, 'DELETE /v1/schedules/uuid/:schedule_uuid', 'Mutation.deleteCalendarEvent'],
  [62, 'POST /v1/announcements', 'Mutation.createAnnouncement'],
  [63, 'GET /v1/announcements/types/:type', 'Query.announcements'],
  [64, 'GET /v1/announcements/uuid/:announcement_uuid', 'Query.announcement'],
  [65, 'PATCH /v1/announcements/uuid/:announcement_uuid', 'Mutation.updateAnnouncement'],
  [66, 'DELETE /v1/announcements/uuid/:announcement_uuid', 'Mutation.deleteAnnouncement'],
  [67, 'GET /v1/students/uuid/:student_uuid/announcement-check', 'Query.unreadAnnouncements'],
  [68, 'GET /v1/announcements/types/:type/query/:search_query', 'Query.searchAnnouncements'],
  [69, 'GET /v1/announcements/writer-uuid/:writer_uuid', 'Query.announcementsByWriter'],
];

/** Root fields with no legacy route behind them. */
const GRAPHQL_ONLY = new Set(['Query.me']);

function fieldOf(schema: GraphQLSchema, coordinate: string) {
  const [typeName = '', fieldName = ''] = coordinate.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

describe('legacy routes 3–69 in the GraphQL API', () => {
  const schema = createExecutableSchema();

  it('lists every route from 3 to 69', () => {
    expect(new Set(ROUTES.map(([route]) => route))).toEqual(new Set(Array.from({ length: 67 }, (_, i) => i + 3)));
  });

  const cases = ROUTES.map(([route, legacy, coordinate, argument]) => ({ route, legacy, coordinate, argument }));
  it.each(cases)('route $route ($legacy) maps to $coordinate', ({ coordinate, argument }) => {
    const field = fieldOf(schema, coordinate);
    expect(field).toBeDefined();
    expect(field?.description).toBeTruthy();
    if (argument) expect(field?.args.map((a) => a.name)).toContain(argument);
  });

  it('has no root field that serves no legacy route, except the GraphQL-only ones', () => {
    const mapped = new Set(ROUTES.map(([, , coordinate]) => coordinate));
    const roots = [schema.getQueryType(), schema.getMutationType()].flatMap((type) =>
      Object.keys(type?.getFields() ?? {}).map((name) => `${type?.name}.${name}`),
    );
    expect(roots.filter((c) => !mapped.has(c) && !GRAPHQL_ONLY.has(c))).toEqual([]);
  });

  it('describes every field and argument of the schema', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !('getFields' in type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        for (const arg of 'args' in field ? field.args : []) {
          if (!arg.description) undocumented.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
