import type { MutationResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { secondsOf } from './outing-times';

/** ModifyOuting only accepts outings waiting for a teacher (else 409 −2400), so the status is unchanged. */
export const changeOutingEndTime: MutationResolvers['changeOutingEndTime'] = async (
  _parent,
  { id, endsAt },
  context,
) => {
  requireCaller(context);
  const endTime = secondsOf(endsAt);
  await context.clients.outing.teacher.modifyOuting({ outingId: id, endTime });
  return { id, status: 'WAITING_FOR_TEACHER', endsAt: endTime * 1000 };
};
