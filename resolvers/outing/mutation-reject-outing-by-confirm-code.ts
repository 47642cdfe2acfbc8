import type { MutationResolvers } from '../generated/resolvers-types';

/** The decision reply carries no outing id, so the code is read first (an unknown code fails there, 404 −2301). */
export const rejectOutingByConfirmCode: MutationResolvers['rejectOutingByConfirmCode'] = async (
  _parent,
  { code },
  context,
) => {
  const { outingId } = await context.clients.outing.parents.getOutingByOCode({ confirmCode: code });
  await context.clients.outing.parents.rejectOutingByOCode({ confirmCode: code });
  return { id: outingId, status: 'REJECTED_BY_PARENT' };
};
