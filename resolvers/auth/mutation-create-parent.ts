import type { MutationResolvers } from '../generated/resolvers-types';
import { parentModel } from './models';

export const createParent: MutationResolvers['createParent'] = async (_parent, { input }, { clients }) => {
  const reply = await clients.auth.admin.createNewParent({
    ParentID: input.loginId,
    ParentPW: input.password,
    Name: input.name,
    PhoneNumber: input.phoneNumber ?? '',
    ChildrenInform: input.children.map((child) => ({
      Grade: child.grade,
      Group: child.classNumber,
      StudentNumber: child.number,
      Name: child.name,
    })),
  });
  return parentModel(reply.CreatedParentUUID);
};
