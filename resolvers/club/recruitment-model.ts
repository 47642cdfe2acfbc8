import type { RecruitmentInform } from '../../grpc-clients/generated/club/club-student';
import type { RecruitMember } from '../../grpc-clients/generated/club/club-leader';
import type { RecruitMemberInput } from '../generated/resolvers-types';
import { intOrNull } from './int-or-null';
import type { RecruitmentModel } from './models';

/** A recruitment as GraphQL hands it on; an empty `EndPeriod` means open-ended (legacy-api.md §4.3). */
export function recruitmentModelOf(inform: RecruitmentInform): RecruitmentModel {
  return {
    id: inform.RecruitmentUUID,
    clubId: inform.ClubUUID,
    concept: inform.RecruitConcept,
    members: inform.RecruitMembers.map((m) => ({
      grade: intOrNull(m.Grade),
      field: m.Field,
      number: intOrNull(m.Number),
    })),
    startPeriod: inform.StartPeriod,
    endPeriod: inform.EndPeriod === '' ? null : inform.EndPeriod,
  };
}

/** The proto's `RecruitMember` has string fields only. */
export function recruitMembersOf(members: readonly RecruitMemberInput[]): RecruitMember[] {
  return members.map((m) => ({ Grade: String(m.grade), Field: m.field, Number: String(m.number) }));
}
