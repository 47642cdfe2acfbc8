import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { legacyOutingSituation } from './outing-enums';
import { secondsOf } from './outing-times';
import { readOuting } from './read-outing';
import { validateCreateOutingInput } from './validate-outing-input';

/** The service checks the time rules against its own clock (400 → BAD_USER_INPUT); the creator may read it back. */
export const createOuting: MutationResolvers['createOuting'] = async (_parent, { input }, context) => {
  requireCaller(context);
  validateCreateOutingInput(input);
  const { outingId } = await context.clients.outing.student.createOuting({
    startTime: secondsOf(input.startsAt),
    endTime: secondsOf(input.endsAt),
    place: input.place,
    reason: input.reason,
    situation: legacyOutingSituation(input.situation),
  });
  return readOuting(outingId, context);
};
