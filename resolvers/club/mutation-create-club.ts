import type { MutationResolvers } from '../generated/resolvers-types';
import { readUpload } from '../base/read-upload';
import { reloadClub } from './reload';

/** Route 29 took the members as one `|`-separated string; here they are a list. The floor travels as a string. */
export const createClub: MutationResolvers['createClub'] = async (_parent, { input, logo }, context) => {
  const { bytes } = await readUpload(logo);
  const reply = await context.clients.club.admin.createNewClub({
    Name: input.name,
    LeaderUUID: input.leaderId,
    MemberUUIDs: input.memberIds,
    Field: input.field,
    Location: input.location,
    Floor: String(input.floor),
    Logo: bytes,
  });
  return reloadClub(context, reply.ClubUUID);
};
