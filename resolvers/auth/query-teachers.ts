import type { QueryResolvers } from '../generated/resolvers-types';
import { AuthLegacyCode, noneMatchAsEmpty } from './auth-errors';
import { teacherModel } from './models';

/** Legacy route 22. */
export const teachers: QueryResolvers['teachers'] = async (_parent, { filter }, { clients }) => {
  const search = clients.auth.teacher.getTeacherUuiDsWithInform({
    Grade: filter.grade ?? 0,
    Group: filter.classNumber ?? 0,
    Name: filter.name ?? '',
    PhoneNumber: filter.phoneNumber ?? '',
  });
  const ids = await noneMatchAsEmpty(search, AuthLegacyCode.NO_TEACHER_MATCHES, (reply) => reply.TeacherUUIDs);
  return ids.map(teacherModel);
};
