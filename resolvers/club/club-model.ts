import type { ClubInform } from '../../grpc-clients/generated/club/club-student';
import type { ClubModel } from './models';
import { intOrNull } from './int-or-null';

/** A club as GraphQL hands it on; `Floor` travels as a string "1"–"5" (legacy-api.md §4.3). */
export function clubModelOf(inform: ClubInform): ClubModel {
  return {
    id: inform.ClubUUID,
    name: inform.Name,
    concept: inform.ClubConcept,
    introduction: inform.Introduction,
    field: inform.Field,
    location: inform.Location,
    floor: intOrNull(inform.Floor),
    link: inform.Link,
    logoUri: inform.LogoURI,
    leaderId: inform.LeaderUUID,
    memberIds: inform.MemberUUIDs,
  };
}
