import type { OutingResolvers } from '../generated/resolvers-types';
import { studentRef } from './student-ref';

/**
 * Rows of the teacher filter name the student by grade, class and number only, so those cost one uuid lookup per
 * distinct student (deduplicated per request); every other read carries the uuid.
 */
export const student: OutingResolvers['student'] = async ({ student: ref }, _args, context) => {
  if ('id' in ref) return studentRef(ref.id);
  const { grade, classNumber, number, name } = ref;
  return studentRef(await context.loaders.studentIdByNumber.load({ grade, group: classNumber, number, name }));
};
