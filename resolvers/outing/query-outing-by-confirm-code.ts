import type { QueryResolvers } from '../generated/resolvers-types';
import { outingSituationOf } from './outing-enums';
import { msOfSeconds } from './outing-times';

/** No token: whoever holds the code acts for the parent (legacy-api.md §1.7 route 55; the name is kept here). */
export const outingByConfirmCode: QueryResolvers['outingByConfirmCode'] = async (_parent, { code }, context) => {
  const reply = await context.clients.outing.parents.getOutingByOCode({ confirmCode: code });
  return {
    id: reply.outingId,
    studentName: reply.name,
    place: reply.place,
    reason: reply.reason,
    situation: outingSituationOf(reply.situation),
    startsAt: msOfSeconds(reply.startTime),
    endsAt: msOfSeconds(reply.endTime),
  };
};
