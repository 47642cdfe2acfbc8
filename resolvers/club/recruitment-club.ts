import type { RecruitmentResolvers } from '../generated/resolvers-types';
import { clubModelOf } from './club-model';

export const club: RecruitmentResolvers['club'] = async (recruitment, _args, context) =>
  clubModelOf(await context.loaders.club.load(recruitment.clubId));
