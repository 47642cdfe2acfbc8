import { rule } from 'graphql-shield';
import type { GraphQLResolveInfo } from 'graphql';
import type { Role } from '../core/account-ids';
import { LegacyGatewayCode } from '../core/error-codes';
import { ForbiddenError, GatewayError, UnauthenticatedError } from '../core/errors';
import type { GraphQLContext } from '../src/context';
import { callerClubId } from './caller-club';
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
export function denialFor(context: Pick<GraphQLContext, 'caller'> | undefined): GatewayError {
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
 * domain's legacy code. Depends only on the caller, hence `contextual`.
 */
export function hasRole(roles: readonly Role[], legacyCode?: number): ShieldRule {
  const allowed = new Set(roles);
  const name = `role:${[...roles].sort().join('|')}:${legacyCode ?? ''}`;
  return named(name, () =>
    rule(name, { cache: 'contextual' })((_parent, _args, { caller }: GraphQLContext) => {
      if (!caller) return unauthenticated();
      return allowed.has(caller.role) ? true : forbidden(`only ${roles.join(', ')} accounts may do this`, legacyCode);
    }),
  );
}

export const isAuthenticated = hasRole(['admin', 'student', 'teacher', 'parent']);
export const isAdmin = hasRole(['admin']);
export const isStudent = hasRole(['student']);
export const isTeacher = hasRole(['teacher']);
export const isParent = hasRole(['parent']);

/**
 * The fields of an account object: any signed-in caller, or anyone reading the account a login just returned
 * (`LoginResult.account`; the login resolver reads it as the account itself). Keyed by whether the field sits
 * in a login reply, so a list of 100 students still runs it once or twice per request.
 */
export const isAuthenticatedOrOwnLoginReply = rule('authenticated-or-own-login-reply', {
  cache: (_parent, _args, _ctx, info: GraphQLResolveInfo) => String(inLoginReply(info)),
})((_parent, _args, { caller }: GraphQLContext, info: GraphQLResolveInfo) =>
  caller || inLoginReply(info) ? true : unauthenticated(),
);

function inLoginReply(info: GraphQLResolveInfo): boolean {
  return info.path.prev?.typename === 'LoginResult';
}

/**
 * Acting on an account by id (`id` argument; left out means the caller): the account itself with the right
 * role, or an admin (legacy routes 10, 20, 23, 25).
 */
export function isSelfOrAdmin(role: Role): ShieldRule {
  const name = `self-or-admin:${role}`;
  return named(name, () =>
    rule(name)((_parent, args: { id?: string | null }, { caller }: GraphQLContext) => {
      if (!caller) return unauthenticated();
      if (caller.role === 'admin') return true;
      if (caller.role === role && (args.id == null || args.id === caller.uuid)) return true;
      return forbidden(`only the ${role} themself or an admin may do this`);
    }),
  );
}

/**
 * Rules that need the object the field belongs to. The once-per-operation evaluator cannot know it before
 * execution, so it leaves these to a check at resolve time (see `check-operation.ts`).
 */
export const PARENT_RULES = new WeakSet<object>();

/** A relationship only the account itself and admins may read (legacy routes 14 and 28). */
function ownAccountOrAdmin(name: string) {
  const result = rule(name, { cache: (parent: { id: string }) => parent.id })((
    parent: { id: string },
    _args,
    { caller }: GraphQLContext,
  ) => {
    if (!caller) return unauthenticated();
    return caller.role === 'admin' || caller.uuid === parent.id
      ? true
      : forbidden('only the account itself or an admin may read this');
  });
  PARENT_RULES.add(result);
  return result;
}

/** `Student.parent`: the student themself or an admin. */
export const isStudentThemselfOrAdmin = ownAccountOrAdmin('student-themself-or-admin');
/** `Parent.children`: the parent themself or an admin. */
export const isParentThemselfOrAdmin = ownAccountOrAdmin('parent-themself-or-admin');

/** A club leader: a student who leads some club (one read per request, shared by every club rule). */
export const isClubLeader = rule('club-leader', { cache: 'contextual' })(async (
  _parent,
  _args,
  ctx: GraphQLContext,
) => {
  if (!ctx.caller) return unauthenticated();
  if (ctx.caller.role !== 'student') return forbidden('only club leaders may do this', FORBIDDEN_CODE.clubNotLeader);
  const clubId = await callerClubId(ctx);
  if (clubId instanceof Error) return clubId;
  return clubId ? true : forbidden('you lead no club', FORBIDDEN_CODE.clubNotLeader);
});

/**
 * Club management (legacy routes 41–48): an admin, or the leader of the club named by `argName`. Other roles get
 * −1711, other students −1712, as the club service answered.
 */
export function isLeaderOfClubArgOrAdmin(argName: 'id' | 'clubId'): ShieldRule {
  return rule(`leader-of-club-arg-or-admin:${argName}`)(async (_parent, args: Record<string, unknown>, ctx) => {
    const context = ctx as GraphQLContext;
    const roleDenial = leaderRoleDenial(context);
    if (roleDenial !== undefined) return roleDenial;
    return leadsClub(context, String(args[argName]));
  });
}

/** Recruitment management (legacy routes 47, 48): an admin, or the leader of the recruitment's club. */
export const isLeaderOfRecruitmentOrAdmin = rule('leader-of-recruitment-or-admin')(async (
  _parent,
  args: { id: string },
  ctx: GraphQLContext,
) => {
  const roleDenial = leaderRoleDenial(ctx);
  if (roleDenial !== undefined) return roleDenial;
  let clubId: string;
  try {
    clubId = (await ctx.loaders.recruitment.load(args.id)).ClubUUID;
  } catch (error) {
    return asError(error);
  }
  return leadsClub(ctx, clubId);
});

/** true for admins, undefined for students (the club decides), the denial for everyone else. */
function leaderRoleDenial(ctx: GraphQLContext): true | GatewayError | undefined {
  if (!ctx.caller) return unauthenticated();
  if (ctx.caller.role === 'admin') return true;
  if (ctx.caller.role !== 'student') {
    return forbidden('only students and admins may manage clubs', FORBIDDEN_CODE.clubNotStudentOrAdmin);
  }
  return undefined;
}

async function leadsClub(ctx: GraphQLContext, clubId: string): Promise<true | Error> {
  const ownClub = await callerClubId(ctx);
  if (ownClub instanceof Error) return ownClub;
  return ownClub === clubId
    ? true
    : forbidden('only the club leader or an admin may do this', FORBIDDEN_CODE.clubNotLeader);
}

/**
 * An outing by id (legacy routes 51–53 `start`): students only (−2601 for everyone else), and only the owner.
 * Only the outing service knows whose an outing is; it answers a read by anyone but the owner with 403 −2601,
 * so the rule reads the outing as the caller before the guarded call is made.
 */
export const isOutingOwner = rule('outing-owner', { cache: (_parent, args: { id: string }) => args.id })(async (
  _parent,
  args: { id: string },
  ctx: GraphQLContext,
) => {
  if (!ctx.caller) return unauthenticated();
  if (ctx.caller.role !== 'student') return forbidden('only students may do this', FORBIDDEN_CODE.outing);
  try {
    const outing = await ctx.clients.outing.student.getOutingInform({ outingId: args.id });
    return outing.studentUuid === ctx.caller.uuid
      ? true
      : forbidden('only the owning student may do this', FORBIDDEN_CODE.outing);
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'FORBIDDEN') {
      return forbidden('only the owning student may do this', FORBIDDEN_CODE.outing);
    }
    return asError(error);
  }
});

/**
 * `createAnnouncement` (legacy route 62): teachers, admins and (not blocked by the service) parents write either
 * type; a student writes only CLUB announcements, and only as a club's leader.
 */
export const mayCreateAnnouncement = rule('may-create-announcement', {
  cache: (_parent, args: { input?: { type?: string } }) => String(args.input?.type),
})(async (_parent, args: { input: { type: string } }, ctx: GraphQLContext) => {
  if (!ctx.caller) return unauthenticated();
  if (ctx.caller.role !== 'student') return true;
  if (args.input.type !== 'CLUB') {
    return forbidden('students may only write club announcements', FORBIDDEN_CODE.announcement);
  }
  const clubId = await callerClubId(ctx);
  if (clubId instanceof Error) return clubId;
  return clubId ? true : forbidden('only club leaders may write club announcements', FORBIDDEN_CODE.announcement);
});

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
