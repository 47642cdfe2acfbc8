/** Role checks of the club service: every role is read from the caller's `UUID` prefix (legacy-api.md §0.2). */
import { goMessage, goStatus, type GoStatus } from '../shared/status';
import { roleOf, type Role } from '../shared/ids';
import { CLUB_CODE } from './codes';
import type { ClubRecord } from './store';

/** ClubStudent: 403 with code 0 unless the caller has one of the roles. */
export function forbidUnlessRole(callerUuid: string, allowed: readonly Role[]): GoStatus | undefined {
  const role = roleOf(callerUuid);
  if (role && allowed.includes(role)) return undefined;
  const names = allowed.length === 2 ? 'student or admin' : 'student, teacher or admin';
  return goStatus(403, goMessage.forbidden(`you are not ${names}`));
}

export const STUDENT_OR_ADMIN: readonly Role[] = ['student', 'admin'];
export const STUDENT_TEACHER_OR_ADMIN: readonly Role[] = ['student', 'teacher', 'admin'];

/** ClubLeader, first check: 403 −1711 unless the caller is a student or an admin. */
export function forbidUnlessLeaderRole(callerUuid: string): GoStatus | undefined {
  const role = roleOf(callerUuid);
  if (role === 'student' || role === 'admin') return undefined;
  return goStatus(403, goMessage.forbidden('you are not student or admin'), CLUB_CODE.forbiddenNotStudentOrAdmin);
}

/** ClubLeader, after the club is found: 403 −1712 unless the caller is an admin or that club's leader. */
export function forbidUnlessClubLeader(callerUuid: string, club: ClubRecord): GoStatus | undefined {
  if (roleOf(callerUuid) === 'admin' || callerUuid === club.leaderUuid) return undefined;
  return goStatus(403, goMessage.forbidden("you're not admin and not club leader"), CLUB_CODE.forbiddenNotClubLeader);
}
