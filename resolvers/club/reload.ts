import type { GraphQLContext } from '../../src/context';
import { clubModelOf } from './club-model';
import type { ClubModel, RecruitmentModel } from './models';
import { recruitmentModelOf } from './recruitment-model';

/**
 * Mutations answer with the object as the service now has it, so clients can update their caches. The loader
 * may already hold the old version from earlier in the same request, hence the `clear`.
 */
export async function reloadClub(context: GraphQLContext, clubId: string): Promise<ClubModel> {
  return clubModelOf(await context.loaders.club.clear(clubId).load(clubId));
}

export async function reloadRecruitment(context: GraphQLContext, recruitmentId: string): Promise<RecruitmentModel> {
  return recruitmentModelOf(await context.loaders.recruitment.clear(recruitmentId).load(recruitmentId));
}
