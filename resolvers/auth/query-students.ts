import type { QueryResolvers } from '../generated/resolvers-types';
import { AuthLegacyCode, noneMatchAsEmpty } from './auth-errors';
import { studentModel } from './models';

/** Legacy route 12; the fields of the matches load in one batched call only when selected. */
export const students: QueryResolvers['students'] = async (_parent, { filter }, { clients }) => {
  const search = clients.auth.student.getStudentUuiDsWithInform({
    Grade: filter.grade ?? 0,
    Group: filter.classNumber ?? 0,
    StudentNumber: filter.number ?? 0,
    Name: filter.name ?? '',
    PhoneNumber: filter.phoneNumber ?? '',
  });
  const ids = await noneMatchAsEmpty(search, AuthLegacyCode.NO_STUDENT_MATCHES, (reply) => reply.StudentUUIDs);
  return ids.map(studentModel);
};
