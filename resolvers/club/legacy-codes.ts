/** The club service codes a resolver turns into a null answer instead of an error (legacy-api.md §1.6). */
export const CLUB_LEGACY_CODE = {
  /** GetClubUUIDWithLeaderUUID: the student leads no club. */
  NOT_LEADER_OF_ANY_CLUB: -1611,
} as const;
