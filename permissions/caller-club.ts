import { GatewayError } from '../core/errors';
import type { RuleContext } from './rule-definitions';

/** GetClubUUIDWithLeaderUUID: "this student leads no club" (legacy-api.md §1.6 route 40). */
const NOT_LEADER_OF_ANY_CLUB = -1611;

const memo = new WeakMap<object, Promise<string | null | Error>>();

/**
 * The club the calling student leads, or null: one read per request however many club rules ask, because the
 * answer depends only on the caller. A failed read comes back as its error (not thrown), so a rule can pass an
 * upstream failure on instead of turning it into a denial.
 */
export function callerClubId(context: RuleContext): Promise<string | null | Error> {
  let pending = memo.get(context);
  if (!pending) {
    const leader = context.caller?.uuid ?? '';
    pending = context.clients.club.student.getClubUuidWithLeaderUuid({ LeaderUUID: leader }).then(
      (reply) => reply.ClubUUID || null,
      (error: unknown) => {
        if (error instanceof GatewayError && error.legacyCode === NOT_LEADER_OF_ANY_CLUB) return null;
        return error instanceof Error ? error : new Error(String(error));
      },
    );
    memo.set(context, pending);
  }
  return pending;
}
