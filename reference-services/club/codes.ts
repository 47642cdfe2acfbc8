/** The club service's domain codes (v1-utils `code/golang/club.go`, legacy-api.md §1.6 routes 29–48, §5.3). */
export const CLUB_CODE = {
  memberUuidsMissLeader: -1501,
  memberUuidsIncludeUnknown: -1502,
  leaderAlreadyLeadsClub: -1503,
  clubNameTaken: -1504,
  clubLocationTaken: -1505,
  memberUuidsDuplicate: -1506,
  noCurrentRecruitment: -1601,
  notLeaderOfAnyClub: -1611,
  memberAlreadyExists: -1701,
  forbiddenNotStudentOrAdmin: -1711,
  forbiddenNotClubLeader: -1712,
  clubNotFound: -1721,
  studentNotFound: -1722,
  memberNotFound: -1723,
  currentRecruitmentNotFound: -1724,
  alreadyClubLeader: -1801,
  newLeaderLeadsOtherClub: -1802,
  recruitmentInProgress: -1901,
  recruitmentAlreadyInProgress: -2001,
  endPeriodBeforeToday: -2002,
} as const;

/** The code auth answers (409) when a uuid in GetStudentInformsWithUUIDs is unknown (legacy-api.md §5.2). */
export const AUTH_CODE_UNKNOWN_STUDENT_UUID = -601;
