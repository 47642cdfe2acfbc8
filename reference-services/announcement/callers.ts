import type { CallMetadata } from '../shared/call-metadata';
import { roleByCutting13, type Role } from '../shared/ids';
import { fail } from './errors';
import type { PeerLookups } from './peer-lookups';
import { EVERYONE, type Audience, type SchoolClass } from './rules';

/**
 * The caller's role as the Kotlin service read it: cut the last 13 characters (legacy-api.md §0.2). A uuid that
 * resolves to no role had no account in the legacy AccountRepository, which the service answered with its
 * UnAuthorizedException (403 −1000) (inferred).
 */
export function requireRole(uuid: string): Role {
  const role = roleByCutting13(uuid, 'parent');
  if (!role) throw fail.forbidden();
  return role;
}

/** Students see only the school announcements aimed at their class; everybody else sees all (legacy-api.md §4.5). */
export async function audienceOf(uuid: string, lookups: PeerLookups, caller: CallMetadata): Promise<Audience> {
  if (requireRole(uuid) !== 'student') return EVERYONE;
  return { kind: 'class', ...(await lookups.studentClass(uuid, caller)) };
}

/**
 * QUIRK (legacy-api.md §4.5): search filters school announcements by the caller's own grade/class digits for
 * every role: a teacher's homeroom, and 0/0 for admins and parents (their accounts carry no class), so a teacher
 * with homeroom 0/0, an admin or a parent finds no school announcements.
 */
export async function searchClassOf(uuid: string, lookups: PeerLookups, caller: CallMetadata): Promise<SchoolClass> {
  switch (requireRole(uuid)) {
    case 'student':
      return lookups.studentClass(uuid, caller);
    case 'teacher':
      return lookups.teacherHomeroom(uuid, caller);
    default:
      return { grade: 0, group: 0 };
  }
}
