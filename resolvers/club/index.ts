import type { Resolvers } from '../generated/resolvers-types';
import { currentRecruitment } from './club-current-recruitment';
import { leader } from './club-leader';
import { members } from './club-members';
import { addClubMember } from './mutation-add-club-member';
import { changeClubLeader } from './mutation-change-club-leader';
import { createClub } from './mutation-create-club';
import { deleteClub } from './mutation-delete-club';
import { deleteRecruitment } from './mutation-delete-recruitment';
import { modifyClub } from './mutation-modify-club';
import { modifyRecruitment } from './mutation-modify-recruitment';
import { registerRecruitment } from './mutation-register-recruitment';
import { removeClubMember } from './mutation-remove-club-member';
import { club } from './query-club';
import { clubCount } from './query-club-count';
import { clubFields } from './query-club-fields';
import { clubOfLeader } from './query-club-of-leader';
import { clubs } from './query-clubs';
import { clubsByIds } from './query-clubs-by-ids';
import { currentRecruitmentCount } from './query-current-recruitment-count';
import { recruitment } from './query-recruitment';
import { recruitments } from './query-recruitments';
import { club as recruitmentClub } from './recruitment-club';

/** Clubs and recruitments (legacy routes 29–48). The plain fields resolve from the models by default. */
export const clubResolvers: Resolvers = {
  Query: {
    clubs,
    club,
    clubsByIds,
    clubFields,
    clubCount,
    clubOfLeader,
    recruitments,
    recruitment,
    currentRecruitmentCount,
  },
  Mutation: {
    createClub,
    modifyClub,
    deleteClub,
    addClubMember,
    removeClubMember,
    changeClubLeader,
    registerRecruitment,
    modifyRecruitment,
    deleteRecruitment,
  },
  Club: { leader, members, currentRecruitment },
  Recruitment: { club: recruitmentClub },
};
