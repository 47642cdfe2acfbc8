import { allow } from 'graphql-shield';
import type { RuleTypeMap } from './shield-types';
import { hasRole, isAdmin, isLeaderOfClubArgOrAdmin, isLeaderOfRecruitmentOrAdmin } from './rules';

/** The club service's reads: students and admins (403 without a legacy code otherwise, legacy-api.md §1.6). */
const isStudentOrAdmin = hasRole(['student', 'admin']);
/** Route 32 (GetClubInformsWithUUIDs) also lets teachers read. */
const isStudentTeacherOrAdmin = hasRole(['student', 'teacher', 'admin']);
const isLeaderOfClubIdOrAdmin = isLeaderOfClubArgOrAdmin('id');
const isLeaderOfClubIdArgOrAdmin = isLeaderOfClubArgOrAdmin('clubId');

/** Clubs and recruitments (legacy routes 29–48): admins create, leaders (or admins) manage their own club. */
export const clubRules: RuleTypeMap = {
  Query: {
    clubs: isStudentOrAdmin,
    club: isStudentOrAdmin,
    clubsByIds: isStudentTeacherOrAdmin,
    clubFields: isStudentOrAdmin,
    clubCount: isStudentOrAdmin,
    clubOfLeader: isStudentOrAdmin,
    recruitments: isStudentOrAdmin,
    recruitment: isStudentOrAdmin,
    currentRecruitmentCount: isStudentOrAdmin,
  },
  Mutation: {
    createClub: isAdmin,
    modifyClub: isLeaderOfClubIdOrAdmin,
    deleteClub: isLeaderOfClubIdOrAdmin,
    addClubMember: isLeaderOfClubIdArgOrAdmin,
    removeClubMember: isLeaderOfClubIdArgOrAdmin,
    changeClubLeader: isLeaderOfClubIdArgOrAdmin,
    registerRecruitment: isLeaderOfClubIdArgOrAdmin,
    modifyRecruitment: isLeaderOfRecruitmentOrAdmin,
    deleteRecruitment: isLeaderOfRecruitmentOrAdmin,
  },
  Club: {
    '*': allow,
    // A teacher reaches clubs through `clubsByIds`, but the recruitment reads are for students and admins.
    currentRecruitment: isStudentOrAdmin,
  },
  Recruitment: { '*': allow },
  RecruitMember: { '*': allow },
};
