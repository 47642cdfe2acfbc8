/**
 * In-memory twin of the club service's MySQL tables (clubs, club_informs, club_members, club_recruitments,
 * recruit_members). One record per club holds the club, its inform and its member list.
 */
import type { RecruitMember } from '../../grpc-clients/generated/club/club-leader';
import { isCurrentRecruitment } from './rules';

export interface ClubRecord {
  uuid: string;
  leaderUuid: string;
  memberUuids: string[];
  name: string;
  clubConcept: string;
  introduction: string;
  field: string;
  location: string;
  floor: string;
  link: string;
  logoUri: string;
  /** Unix ms of the last change, the sort key of GetClubsSortByUpdateTime. */
  updatedAt: number;
  /** Monotonic tie-breaker: tests pin the clock, so many changes share one `updatedAt`. */
  touchOrder: number;
}

export interface RecruitmentRecord {
  uuid: string;
  clubUuid: string;
  recruitConcept: string;
  members: RecruitMember[];
  /** `YYYY-MM-DD`, the creation date. */
  startPeriod: string;
  /** `YYYY-MM-DD`, or "" for open-ended (NULL in the legacy table). */
  endPeriod: string;
  createdAt: number;
  createOrder: number;
}

export interface ListFilter {
  start: number;
  count: number;
  field: string;
  name: string;
}

export class ClubStore {
  private readonly clubs = new Map<string, ClubRecord>();
  private readonly recruitments = new Map<string, RecruitmentRecord>();
  private order = 0;

  nextOrder(): number {
    this.order += 1;
    return this.order;
  }

  // --- clubs -------------------------------------------------------------------------------------------------

  club(uuid: string): ClubRecord | undefined {
    return this.clubs.get(uuid);
  }

  hasClubUuid(uuid: string): boolean {
    return this.clubs.has(uuid);
  }

  clubLedBy(leaderUuid: string): ClubRecord | undefined {
    return [...this.clubs.values()].find((club) => club.leaderUuid === leaderUuid);
  }

  clubNamed(name: string): ClubRecord | undefined {
    return [...this.clubs.values()].find((club) => club.name === name);
  }

  clubAt(location: string): ClubRecord | undefined {
    return [...this.clubs.values()].find((club) => club.location === location);
  }

  allClubs(): ClubRecord[] {
    return [...this.clubs.values()];
  }

  addClub(club: Omit<ClubRecord, 'touchOrder'>): ClubRecord {
    const record = { ...club, touchOrder: this.nextOrder() };
    this.clubs.set(record.uuid, record);
    return record;
  }

  /** Marks a club as changed now, so it moves to the top of the update-time listing. */
  touch(club: ClubRecord, nowMs: number): void {
    club.updatedAt = nowMs;
    club.touchOrder = this.nextOrder();
  }

  deleteClub(uuid: string): void {
    this.clubs.delete(uuid);
  }

  /** Newest change first; `field` and `name` are substring filters (SQL `LIKE %x%`). */
  clubsByUpdateTime(filter: ListFilter): ClubRecord[] {
    return [...this.clubs.values()]
      .filter((club) => club.field.includes(filter.field) && club.name.includes(filter.name))
      .sort((a, b) => b.updatedAt - a.updatedAt || b.touchOrder - a.touchOrder)
      .slice(filter.start, filter.start + filter.count);
  }

  // --- recruitments ------------------------------------------------------------------------------------------

  recruitment(uuid: string): RecruitmentRecord | undefined {
    return this.recruitments.get(uuid);
  }

  hasRecruitmentUuid(uuid: string): boolean {
    return this.recruitments.has(uuid);
  }

  addRecruitment(recruitment: Omit<RecruitmentRecord, 'createOrder'>): RecruitmentRecord {
    const record = { ...recruitment, createOrder: this.nextOrder() };
    this.recruitments.set(record.uuid, record);
    return record;
  }

  deleteRecruitment(uuid: string): void {
    this.recruitments.delete(uuid);
  }

  currentRecruitments(nowMs: number): RecruitmentRecord[] {
    return [...this.recruitments.values()].filter((r) => isCurrentRecruitment(r.endPeriod, nowMs));
  }

  currentRecruitmentOf(clubUuid: string, nowMs: number): RecruitmentRecord | undefined {
    return this.currentRecruitments(nowMs).find((r) => r.clubUuid === clubUuid);
  }

  currentRecruitmentWithUuid(uuid: string, nowMs: number): RecruitmentRecord | undefined {
    const recruitment = this.recruitments.get(uuid);
    return recruitment && isCurrentRecruitment(recruitment.endPeriod, nowMs) ? recruitment : undefined;
  }

  /** Current recruitments, newest first, filtered by their club's field and name. */
  currentRecruitmentsByCreateTime(filter: ListFilter, nowMs: number): RecruitmentRecord[] {
    return this.currentRecruitments(nowMs)
      .filter((r) => {
        const club = this.clubs.get(r.clubUuid);
        return club !== undefined && club.field.includes(filter.field) && club.name.includes(filter.name);
      })
      .sort((a, b) => b.createdAt - a.createdAt || b.createOrder - a.createOrder)
      .slice(filter.start, filter.start + filter.count);
  }
}
