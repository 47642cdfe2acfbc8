import { GatewayError } from '../../core/errors';
import type { QueryResolvers } from '../generated/resolvers-types';
import { CLUB_LEGACY_CODE } from './legacy-codes';
import { clubModelOf } from './club-model';

/** "Which club does this student lead?" has a normal answer "none": the service's 409 −1611 becomes null. */
export const clubOfLeader: QueryResolvers['clubOfLeader'] = async (_parent, { leaderId }, context) => {
  let clubId: string;
  try {
    clubId = (await context.clients.club.student.getClubUuidWithLeaderUuid({ LeaderUUID: leaderId })).ClubUUID;
  } catch (error) {
    if (error instanceof GatewayError && error.legacyCode === CLUB_LEGACY_CODE.NOT_LEADER_OF_ANY_CLUB) return null;
    throw error;
  }
  return clubModelOf(await context.loaders.club.load(clubId));
};
