import type { QueryResolvers } from '../generated/resolvers-types';
import { requireCaller } from '../base/require-caller';
import { studentRef } from './student-ref';
import { outingStatusOf } from './outing-enums';
import { msOfSeconds } from './outing-times';

/** The service lets only the owning student read the card, so the student is the caller. */
export const outingCard: QueryResolvers['outingCard'] = async (_parent, { id }, context) => {
  const { uuid } = requireCaller(context);
  const card = await context.clients.outing.student.getCardAboutOuting({ outingId: id });
  return {
    id,
    student: studentRef(uuid),
    studentName: card.name,
    grade: card.grade,
    classNumber: card.group,
    number: card.number,
    profileImageUri: card.profileImageUri,
    place: card.place,
    reason: card.reason,
    status: outingStatusOf(card.outingStatus),
    startsAt: msOfSeconds(card.startTime),
    endsAt: msOfSeconds(card.endTime),
  };
};
