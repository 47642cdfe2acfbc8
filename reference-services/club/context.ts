import type { Logger } from '../../core/logger';
import type { ClubInform, RecruitmentInform } from '../../grpc-clients/generated/club/club-student';
import type { ObjectStore } from '../adapters/object-store';
import type { Clock } from '../shared/clock';
import type { AuthPeer } from './auth-peer';
import type { ClubRecord, ClubStore, RecruitmentRecord } from './store';

/** What the club handlers share. */
export interface ClubServiceContext {
  store: ClubStore;
  clock: Clock;
  auth: AuthPeer;
  objectStore: ObjectStore;
  logger: Logger;
}

/** S3 key of a club's logo; it is also the `LogoURI` the service returns (legacy-api.md §4.3). */
export function logoKey(clubUuid: string): string {
  return `logos/${clubUuid}`;
}

export function toClubInform(club: ClubRecord): ClubInform {
  return {
    ClubUUID: club.uuid,
    LeaderUUID: club.leaderUuid,
    MemberUUIDs: [...club.memberUuids],
    Name: club.name,
    ClubConcept: club.clubConcept,
    Introduction: club.introduction,
    Floor: club.floor,
    Location: club.location,
    Field: club.field,
    Link: club.link,
    LogoURI: club.logoUri,
  };
}

export function toRecruitmentInform(recruitment: RecruitmentRecord): RecruitmentInform {
  return {
    RecruitmentUUID: recruitment.uuid,
    ClubUUID: recruitment.clubUuid,
    RecruitConcept: recruitment.recruitConcept,
    RecruitMembers: recruitment.members.map((m) => ({ ...m })),
    StartPeriod: recruitment.startPeriod,
    EndPeriod: recruitment.endPeriod,
  };
}
