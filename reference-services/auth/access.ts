import { firstValue } from '../shared/call-metadata';
import type { CallContext } from '../shared/implement-service';
import { roleOf, type Role } from '../shared/ids';
import { goMessage, goStatus, type GoStatus } from '../shared/status';
import { uuidOf } from './model-rules';

/** 403 unless the caller (`UUID` of the request) is an admin. */
export function requireAdmin(callerUuid: string): GoStatus | undefined {
  return roleOf(callerUuid) === 'admin' ? undefined : goStatus(403, goMessage.forbidden('not admin uuid'));
}

/** 403 unless the caller is any account (student, teacher, parent or admin). */
export function requireAnyAccount(callerUuid: string): GoStatus | undefined {
  return roleOf(callerUuid) !== undefined
    ? undefined
    : goStatus(403, goMessage.forbidden('not student or admin or teacher or parent uuid'));
}

/** 403 unless the caller is the account itself (with the right role) or an admin. */
export function requireSelfOrAdmin(callerUuid: string, targetUuid: string, role: Role): GoStatus | undefined {
  const caller = roleOf(callerUuid);
  if (caller === 'admin') return undefined;
  if (caller === role && callerUuid === targetUuid) return undefined;
  return goStatus(403, goMessage.forbidden(`not ${role} or admin uuid OR not your ${role} uuid`));
}

const FORCED_ID_KEYS = { student: 'studentuuid', teacher: 'teacheruuid', parent: 'parentuuid' } as const;

/**
 * The Go services let tests force the next minted id with `StudentUUID`/`TeacherUUID`/`ParentUUID` metadata
 * (legacy-api.md §2.5; lower-case on the wire). Returns the forced id, a 407 when it is malformed, or undefined.
 */
export function forcedId(
  context: CallContext,
  kind: 'student' | 'teacher' | 'parent',
): { id: string } | { rejection: GoStatus } | undefined {
  const value = firstValue(context.metadata, FORCED_ID_KEYS[kind]);
  if (value === undefined || value === '') return undefined;
  const problem = uuidOf(kind)(value);
  return problem === undefined ? { id: value } : { rejection: goStatus(407, goMessage.proxyAuthRequired(problem)) };
}
