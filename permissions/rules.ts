import type { GraphQLResolveInfo } from 'graphql';
import type { Role } from '../core/account-ids';
import { ErrorCode, LegacyGatewayCode } from '../core/error-codes';
import { ForbiddenError, GatewayError, UnauthenticatedError } from '../core/errors';
import { callerClubId } from './caller-club';
import { defineRule, type RuleContext, type Verdict } from './rule-definitions';
import type { ShieldRule } from './shield-types';

/**
 * The shared rules. Every rule answers `true` or one of the gateway's own errors (never `false`, never a throw:
 * shield turns a thrown error into a silent `false`), so a denial always carries the right code and legacy code.
 * Rules that depend only on the caller use the `contextual` cache: a list of 100 items runs each of them once.
 */

/** Legacy FORBIDDEN codes of the domains that have one (legacy-api.md §1.6, §4.1, §4.5). */
export const FORBIDDEN_CODE = {
  outing: -2601,
  clubNotStudentOrAdmin: -1711,
  clubNotLeader: -1712,
  announcement: -1000,
} as const;

export const unauthenticated = (): UnauthenticatedError =>
  new UnauthenticatedError('authentication required', { legacyCode: LegacyGatewayCode.NO_AUTHORIZATION_HEADER });

export const forbidden = (message: string, legacyCode?: number): ForbiddenError =>
  new ForbiddenError(message, legacyCode === undefined ? undefined : { legacyCode });

/** What a denial without a specific rule says: UNAUTHENTICATED without a token, FORBIDDEN with one. */
export function denialFor(context: Pick<RuleContext, 'caller'> | undefined): GatewayError {
  return context?.caller ? forbidden('not allowed for this account') : unauthenticated();
}

/**
 * Shield keys its cache by rule name and refuses two different rules with one name, so factories name their
 * rules after their inputs and hand out one rule per name.
 */
const NAMED_RULES = new Map<string, ShieldRule>();

function named(name: string, create: () => ShieldRule): ShieldRule {
  let existing = NAMED_RULES.get(name);
  if (!existing) {
    existing = create();
    NAMED_RULES.set(name, existing);
  }
  return existing;
}

/**
 * Only the listed roles pass; anonymous callers get UNAUTHENTICATED (−101), other roles FORBIDDEN with the
 * domain's legacy code. Depends only on the caller: decided once per role.
 */
export function hasRole(roles: readonly Role[], legacyCode?: number): ShieldRule {
  const allowed = new Set(roles);
  const name = `role:${[...roles].sort().join('|')}:${legacyCode ?? ''}`;
  return named(name, () =>
    defineRule(
      {
        name,
        inputs: 'caller',
        decide: ({ context: { caller } }) => {
          if (!caller) return unauthenticated();
          return allowed.has(caller.role)
            ? true
            : forbidden(`only ${roles.join(', ')} accounts may do this`, legacyCode);
        },
      },
      'contextual',
    ),
  );
}

export const isAuthenticated = hasRole(['admin', 'student', 'teacher', 'parent']);
export const isAdmin = hasRole(['admin']);
export const isStudent = hasRole(['student']);
export const isTeacher = hasRole(['teacher']);
export const isParent = hasRole(['parent']);

/**
 * The fields of an account object: any signed-in caller, or anyone reading the account a login just returned
 * (`LoginResult.account`; the login resolver reads it as the account itself). Decided per role and position.
 */
export const isAuthenticatedOrOwnLoginReply = defineRule(
  {
    name: 'authenticated-or-own-login-reply',
    inputs: 'caller-and-position',
    decide: ({ context: { caller }, inLoginReply }) => (caller || inLoginReply ? true : unauthenticated()),
  },
  (_parent, _args, _ctx, info: GraphQLResolveInfo) => String(info.path.prev?.typename === 'LoginResult'),
);

/**
 * Acting on an account by id (`id` argument; left out means the caller): the account itself with the right
 * role, or an admin (legacy routes 10, 20, 23, 25).
 */
export function isSelfOrAdmin(role: Role): ShieldRule {
  const name = `self-or-admin:${role}`;
  return named(name, () =>
    defineRule({
      name,
      inputs: 'arguments',
      decide: ({ args, context: { caller } }) => {
        if (!caller) return unauthenticated();
        if (caller.role === 'admin') return true;
        if (caller.role === role && (args.id == null || args.id === caller.uuid)) return true;
        return forbidden(`only the ${role} themself or an admin may do this`);
      },
    }),
  );
}

/** A relationship only the account itself and admins may read (legacy routes 14 and 28): checked as it resolves. */
function ownAccountOrAdmin(name: string): ShieldRule {
  return defineRule(
    {
      name,
      inputs: 'parent',
      decide: ({ parent, context: { caller } }) => {
        if (!caller) return unauthenticated();
        return caller.role === 'admin' || caller.uuid === (parent as { id: string }).id
          ? true
          : forbidden('only the account itself or an admin may read this');
      },
    },
    (parent: { id: string }) => parent.id,
  );
}

/** `Student.parent`: the student themself or an admin. */
export const isStudentThemselfOrAdmin = ownAccountOrAdmin('student-themself-or-admin');
/** `Parent.children`: the parent themself or an admin. */
export const isParentThemselfOrAdmin = ownAccountOrAdmin('parent-themself-or-admin');

/** A club leader: a student who leads some club (one read per request, shared by every club rule). */
export const isClubLeader = defineRule(
  {
    name: 'club-leader',
    inputs: 'arguments',
    async decide({ context }) {
      if (!context.caller) return unauthenticated();
      if (context.caller.role !== 'student') {
        return forbidden('only club leaders may do this', FORBIDDEN_CODE.clubNotLeader);
      }
      const clubId = await callerClubId(context);
      if (clubId instanceof GatewayError) return clubId;
      if (clubId instanceof Error) return asGatewayError(clubId);
      return clubId ? true : forbidden('you lead no club', FORBIDDEN_CODE.clubNotLeader);
    },
  },
  'contextual',
);

/**
 * Club management (legacy routes 41–48): an admin, or the leader of the club named by `argName`. Other roles get
 * −1711, other students −1712, as the club service answered.
 */
export function isLeaderOfClubArgOrAdmin(argName: 'id' | 'clubId'): ShieldRule {
  const name = `leader-of-club-arg-or-admin:${argName}`;
  return named(name, () =>
    defineRule({
      name,
      inputs: 'arguments',
      async decide({ args, context }) {
        const roleDenial = leaderRoleDenial(context);
        if (roleDenial !== undefined) return roleDenial;
        return leadsClub(context, String(args[argName]));
      },
    }),
  );
}

/** Recruitment management (legacy routes 47, 48): an admin, or the leader of the recruitment's club. */
export const isLeaderOfRecruitmentOrAdmin = defineRule({
  name: 'leader-of-recruitment-or-admin',
  inputs: 'arguments',
  async decide({ args, context }) {
    const roleDenial = leaderRoleDenial(context);
    if (roleDenial !== undefined) return roleDenial;
    let clubId: string;
    try {
      clubId = (await context.loaders.recruitment.load(String(args.id))).ClubUUID;
    } catch (error) {
      return asGatewayError(error);
    }
    return leadsClub(context, clubId);
  },
});

/** true for admins, undefined for students (the club decides), the denial for everyone else. */
function leaderRoleDenial(context: RuleContext): Verdict | undefined {
  if (!context.caller) return unauthenticated();
  if (context.caller.role === 'admin') return true;
  if (context.caller.role !== 'student') {
    return forbidden('only students and admins may manage clubs', FORBIDDEN_CODE.clubNotStudentOrAdmin);
  }
  return undefined;
}

async function leadsClub(context: RuleContext, clubId: string): Promise<Verdict> {
  const ownClub = await callerClubId(context);
  if (ownClub instanceof Error) return asGatewayError(ownClub);
  return ownClub === clubId
    ? true
    : forbidden('only the club leader or an admin may do this', FORBIDDEN_CODE.clubNotLeader);
}

/**
 * An outing by id (legacy routes 51–53 `start`): students only (−2601 for everyone else), and only the owner.
 * Only the outing service knows whose an outing is; it answers a read by anyone but the owner with 403 −2601,
 * so the rule reads the outing as the caller before the guarded call is made.
 */
export const isOutingOwner = defineRule(
  {
    name: 'outing-owner',
    inputs: 'arguments',
    async decide({ args, context }) {
      if (!context.caller) return unauthenticated();
      if (context.caller.role !== 'student') return forbidden('only students may do this', FORBIDDEN_CODE.outing);
      try {
        const outing = await context.clients.outing.student.getOutingInform({ outingId: String(args.id) });
        return outing.studentUuid === context.caller.uuid
          ? true
          : forbidden('only the owning student may do this', FORBIDDEN_CODE.outing);
      } catch (error) {
        if (error instanceof GatewayError && error.code === 'FORBIDDEN') {
          return forbidden('only the owning student may do this', FORBIDDEN_CODE.outing);
        }
        return asGatewayError(error);
      }
    },
  },
  (_parent, args: { id: string }) => args.id,
);

/**
 * `createAnnouncement` (legacy route 62): teachers, admins and (not blocked by the service) parents write either
 * type; a student writes only CLUB announcements, and only as a club's leader.
 */
export const mayCreateAnnouncement = defineRule(
  {
    name: 'may-create-announcement',
    inputs: 'arguments',
    async decide({ args, context }) {
      if (!context.caller) return unauthenticated();
      if (context.caller.role !== 'student') return true;
      if ((args.input as { type?: string } | undefined)?.type !== 'CLUB') {
        return forbidden('students may only write club announcements', FORBIDDEN_CODE.announcement);
      }
      const clubId = await callerClubId(context);
      if (clubId instanceof Error) return asGatewayError(clubId);
      return clubId ? true : forbidden('only club leaders may write club announcements', FORBIDDEN_CODE.announcement);
    },
  },
  (_parent, args: { input?: { type?: string } }) => String(args.input?.type),
);

/**
 * A look-up that failed comes back as its gateway error (an unavailable service, a timeout), so the caller learns
 * why; anything else is a bug, masked as any unexpected error is.
 */
function asGatewayError(error: unknown): GatewayError {
  if (error instanceof GatewayError) return error;
  return new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'a rule could not decide', { cause: error });
}
