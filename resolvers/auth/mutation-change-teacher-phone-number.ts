import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { teacherModel } from './models';

export const changeTeacherPhoneNumber: MutationResolvers['changeTeacherPhoneNumber'] = async (
  _parent,
  { id, phoneNumber },
  context,
) => {
  const TeacherUUID = id ?? requireCaller(context).uuid;
  await context.clients.auth.teacher.changeTeacherInform({ TeacherUUID, PhoneNumber: phoneNumber });
  return teacherModel(TeacherUUID);
};
