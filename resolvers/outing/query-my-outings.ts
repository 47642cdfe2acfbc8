import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { outingOfStudentRow } from './outing-model';

/** The legacy gateway turned an absent or 0 `count` into 10 (legacy-api.md §0.5). */
const DEFAULT_LIMIT = 10;

export const myOutings: QueryResolvers['myOutings'] = async (_parent, { offset, limit }, context) => {
  const { uuid } = requireCaller(context);
  const reply = await context.clients.outing.student.getStudentOutings({
    studentId: uuid,
    start: offset ?? 0,
    count: limit || DEFAULT_LIMIT,
  });
  return reply.outing.map((row) => outingOfStudentRow(row, uuid));
};
