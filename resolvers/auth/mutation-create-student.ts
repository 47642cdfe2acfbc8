import type { MutationResolvers } from '../generated/resolvers-types';
import { readUpload } from '../base/read-upload';
import { studentModel } from './models';

export const createStudent: MutationResolvers['createStudent'] = async (
  _parent,
  { input, profileImage },
  { clients },
) => {
  const { bytes } = await readUpload(profileImage);
  const reply = await clients.auth.admin.createNewStudent({
    StudentID: input.loginId,
    StudentPW: input.password,
    ParentUUID: input.parentId ?? '',
    Grade: input.grade,
    Group: input.classNumber,
    StudentNumber: input.number,
    Name: input.name,
    PhoneNumber: input.phoneNumber,
    Image: bytes,
  });
  return studentModel(reply.CreatedStudentUUID);
};
