import type { Resolvers } from '../generated/resolvers-types';
import { approveOuting } from './mutation-approve-outing';
import { approveOutingByConfirmCode } from './mutation-approve-outing-by-confirm-code';
import { certifyOuting } from './mutation-certify-outing';
import { changeOutingEndTime } from './mutation-change-outing-end-time';
import { createOuting } from './mutation-create-outing';
import { endOuting } from './mutation-end-outing';
import { rejectOuting } from './mutation-reject-outing';
import { rejectOutingByConfirmCode } from './mutation-reject-outing-by-confirm-code';
import { startOuting } from './mutation-start-outing';
import { student } from './outing-student';
import { myOutings } from './query-my-outings';
import { outing } from './query-outing';
import { outingByConfirmCode } from './query-outing-by-confirm-code';
import { outingCard } from './query-outing-card';
import { outings } from './query-outings';
import { myOutingUpdated } from './subscription-my-outing-updated';
import { outingRequested } from './subscription-outing-requested';

export const outingResolvers: Resolvers = {
  Query: { myOutings, outing, outingCard, outings, outingByConfirmCode },
  Mutation: {
    createOuting,
    startOuting,
    endOuting,
    approveOuting,
    rejectOuting,
    certifyOuting,
    approveOutingByConfirmCode,
    rejectOutingByConfirmCode,
    changeOutingEndTime,
  },
  Subscription: { myOutingUpdated, outingRequested },
  Outing: { student },
};
