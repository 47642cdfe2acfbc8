import type { QueryResolvers } from '../generated/resolvers-types';
import { recruitmentModelOf } from './recruitment-model';

/** Only recruitments in progress: the service has no list of past ones. */
export const recruitments: QueryResolvers['recruitments'] = async (
  _parent,
  { offset, limit, field, name },
  context,
) => {
  const reply = await context.clients.club.student.getRecruitmentsSortByCreateTime({
    Start: offset ?? 0,
    Count: limit ?? 0,
    Field: field ?? '',
    Name: name ?? '',
  });
  return reply.Recruitments.map(recruitmentModelOf);
};
