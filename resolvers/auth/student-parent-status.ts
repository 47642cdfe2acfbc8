import type { StudentResolvers } from '../generated/resolvers-types';
import { parentLinkStatusOf } from './parent-link-status';

/** Only the single read reports it; the batch read behind the other fields does not. */
export const studentParentStatus: StudentResolvers['parentStatus'] = async (student, _args, { loaders }) =>
  parentLinkStatusOf((await loaders.studentDetail.load(student.id)).ParentStatus);
