import type { ParentResolvers } from '../generated/resolvers-types';

/** The number is optional when an admin creates a parent. */
export const parentPhoneNumber: ParentResolvers['phoneNumber'] = async (parent, _args, { loaders }) =>
  (await loaders.parent.load(parent.id)).PhoneNumber || null;
