import type { MutationResolvers } from '../generated/resolvers-types';

/** The decision reply carries no outing id, so the code is read first (an unknown code fails there, 404 −2301). */
export const approveOutingByConfirmCode: MutationResolvers['approveOutingByConfirmCode'] = async (
  _parent,
  { code },
  context,
) => {
  const { outingId } = await context.clients.outing.parents.getOutingByOCode({ confirmCode: code });
  await context.clients.outing.parents.approveOutingByOCode({ confirmCode: code });
  return { id: outingId, status: 'WAITING_FOR_TEACHER' };
};
