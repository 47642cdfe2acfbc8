/**
 * Parent objects of the club types: the legacy informs renamed once, so the plain fields resolve by default and
 * only the relationship fields (`Club.leader`, `Recruitment.club`, …) need resolvers.
 */
export interface ClubModel {
  id: string;
  name: string;
  concept: string;
  introduction: string;
  field: string;
  location: string;
  floor: number | null;
  link: string;
  logoUri: string;
  leaderId: string;
  memberIds: string[];
}

export interface RecruitMemberModel {
  grade: number | null;
  field: string;
  number: number | null;
}

export interface RecruitmentModel {
  id: string;
  clubId: string;
  concept: string;
  members: RecruitMemberModel[];
  startPeriod: string;
  endPeriod: string | null;
}
