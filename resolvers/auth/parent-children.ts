import type { ParentResolvers } from '../generated/resolvers-types';
import { studentModel } from './models';

export const parentChildren: ParentResolvers['children'] = async (parent, _args, { clients, loaders }) => {
  const reply = await clients.auth.parent.getChildrenInformsWithUuid({ ParentUUID: parent.id });
  // The reply holds each child's fields: the children's own fields need no further read.
  for (const child of reply.ChildrenInform) loaders.student.prime(child.StudentUUID, child);
  return reply.ChildrenInform.map((child) => studentModel(child.StudentUUID));
};
