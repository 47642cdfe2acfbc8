import type { MutationResolvers } from '../generated/resolvers-types';
import { readUpload } from '../base/read-upload';
import { reloadClub } from './reload';

/** The service changes only the non-empty fields (legacy route 45), so a left-out argument is sent empty. */
export const modifyClub: MutationResolvers['modifyClub'] = async (
  _parent,
  { id, concept, introduction, link, logo },
  context,
) => {
  await context.clients.club.leader.modifyClubInform({
    ClubUUID: id,
    ClubConcept: concept ?? '',
    Introduction: introduction ?? '',
    Link: link ?? '',
    Logo: logo ? (await readUpload(logo)).bytes : Buffer.alloc(0),
  });
  return reloadClub(context, id);
};
