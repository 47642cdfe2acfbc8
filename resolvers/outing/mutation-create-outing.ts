import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { legacyOutingSituation } from './outing-enums';
import { secondsOf } from './outing-times';
import { withPlainTimeRefusals } from './outing-time-refusals';
import { readOuting } from './read-outing';

/**
 * `@constraint` has checked place (1–50, the DB column rather than the legacy gateway's 150: QUIRK §6.7, not kept)
 * and reason (1–150). The service checks the time rules against its own clock (400 → BAD_USER_INPUT, said plainly);
 * the creator may read the outing back.
 */
export const createOuting: MutationResolvers['createOuting'] = async (_parent, { input }, context) => {
  requireCaller(context);
  const { outingId } = await withPlainTimeRefusals(
    context.clients.outing.student.createOuting({
      startTime: secondsOf(input.startsAt),
      endTime: secondsOf(input.endsAt),
      place: input.place,
      reason: input.reason,
      situation: legacyOutingSituation(input.situation),
    }),
  );
  return readOuting(outingId, context);
};
