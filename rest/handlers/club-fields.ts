import type { RecruitMember } from '../../grpc-clients/generated/club/club-leader';
import type { ClubInform, RecruitmentInform } from '../../grpc-clients/generated/club/club-student';

/** The gateway turned numeric strings into ints (floor, member grade and number; legacy-api.md §1.6). */
export const intIfNumeric = (value: string): number | string => (/^-?\d+$/.test(value) ? Number(value) : value);

export function clubRow(c: ClubInform) {
  return {
    club_uuid: c.ClubUUID,
    leader_uuid: c.LeaderUUID,
    member_uuids: c.MemberUUIDs,
    name: c.Name,
    location: c.Location,
    field: c.Field,
    link: c.Link,
    introduction: c.Introduction,
    club_concept: c.ClubConcept,
    logo_uri: c.LogoURI,
    floor: intIfNumeric(c.Floor),
  };
}

export const memberRow = (m: RecruitMember) => ({
  grade: intIfNumeric(m.Grade),
  field: m.Field,
  number: intIfNumeric(m.Number),
});

export function recruitmentRow(r: RecruitmentInform) {
  return {
    recruitment_uuid: r.RecruitmentUUID,
    club_uuid: r.ClubUUID,
    recruit_concept: r.RecruitConcept,
    recruit_members: r.RecruitMembers.map(memberRow),
    start_period: r.StartPeriod,
    end_period: r.EndPeriod,
  };
}

/** Request members `{grade, field, number}` travel as strings (the proto's RecruitMember). */
export const toRecruitMembers = (members: Array<Record<string, unknown>>): RecruitMember[] =>
  members.map((m) => ({ Grade: String(m.grade ?? ''), Field: String(m.field ?? ''), Number: String(m.number ?? '') }));
