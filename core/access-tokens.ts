import { createSecretKey } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { LegacyGatewayCode } from './error-codes';
import { UnauthenticatedError } from './errors';
import { roleOf, type Role } from './account-ids';

/** The legacy claims (legacy-api.md §0.3): no iat, sub or iss, so tokens of the Go gateway keep working. */
export interface AccessTokenClaims {
  uuid: string;
  type: 'access_token';
  exp: number;
}

export interface Caller {
  uuid: string;
  role: Role;
}

/** Student tokens live 7 days (since 2021-04-23); admin, teacher and parent tokens 24 hours. */
export const TOKEN_LIFETIME_SECONDS: Record<Role, number> = {
  student: 7 * 24 * 3600,
  admin: 24 * 3600,
  teacher: 24 * 3600,
  parent: 24 * 3600,
};

/** How many verified tokens are remembered (about 200 bytes each). */
const VERIFIED_TOKENS_MAX = 10_000;

/** The `exp` of a token that has just been verified (so its payload is known to be well-formed). */
function jwtExpiry(token: string): number {
  return (jwt.decode(token) as jwt.JwtPayload).exp as number;
}

/** Clocks of the gateway replicas and the legacy gateway may differ a little. */
export const CLOCK_SKEW_SECONDS = 30;

/** A verified token: its account and when it stops being accepted. */
export interface TokenSession {
  caller: Caller;
  /** Unix seconds: the token's `exp` plus the clock skew every check allows. */
  acceptedUntil: number;
}

export interface AccessTokens {
  sign(uuid: string, nowSeconds?: number): { token: string; expiresAt: number };
  verify(token: string, nowSeconds?: number): Caller;
  /** Reads `Authorization: Bearer <jwt>` with the legacy 401 codes (−101, −102, −106). */
  fromAuthorizationHeader(header: string | undefined, nowSeconds?: number): Caller;
  /** `fromAuthorizationHeader`, with the moment the token stops being accepted (a long-lived socket's deadline). */
  sessionOf(header: string | undefined, nowSeconds?: number): TokenSession;
}

const unauthenticated = (message: string, legacyCode: number) => new UnauthenticatedError(message, { legacyCode });

/** HS512 only: the legacy key function did not pin the algorithm, this one does. */
export function createAccessTokens(secret: string): AccessTokens {
  // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public key on
  // every verify, which cost ~0.5 ms a request, more than a whole cache hit.
  const key = createSecretKey(Buffer.from(secret));
  // Tokens already verified, with their expiry: a school day replays the same few thousand tokens, and the HMAC
  // check was the largest single cost of a one-call REST request. Keyed by the whole token, so a changed byte is a
  // miss; expiry is checked on every hit; bounded, oldest first out.
  const verified = new Map<string, { caller: Caller; exp: number }>();
  // Tokens refused for good (bad signature, malformed, wrong claims, expired: time only makes these worse), so a
  // client that keeps sending one costs a map lookup, not a failed HMAC check and two exceptions each time.
  const refused = new Map<string, { message: string; legacyCode: number }>();
  const remember = <V>(map: Map<string, V>, token: string, value: V) => {
    if (map.size >= VERIFIED_TOKENS_MAX) map.delete(map.keys().next().value as string);
    map.set(token, value);
  };
  const verify = (token: string, nowSeconds?: number): Caller => verifySession(token, nowSeconds).caller;
  const verifySession = (token: string, nowSeconds = Math.floor(Date.now() / 1000)): TokenSession => {
    const known = verified.get(token);
    if (known && nowSeconds <= known.exp + CLOCK_SKEW_SECONDS) {
      return { caller: known.caller, acceptedUntil: known.exp + CLOCK_SKEW_SECONDS };
    }
    const refusal = refused.get(token);
    if (refusal) throw unauthenticated(refusal.message, refusal.legacyCode);
    let caller: Caller;
    try {
      caller = verifyAfresh(token, nowSeconds);
    } catch (error) {
      if (error instanceof UnauthenticatedError && !(error.cause instanceof jwt.NotBeforeError))
        remember(refused, token, { message: error.message, legacyCode: error.legacyCode ?? 0 });
      throw error;
    }
    const exp = jwtExpiry(token);
    remember(verified, token, { caller, exp });
    return { caller, acceptedUntil: exp + CLOCK_SKEW_SECONDS };
  };
  const verifyAfresh = (token: string, nowSeconds: number): Caller => {
    let claims: jwt.JwtPayload | string;
    try {
      claims = jwt.verify(token, key, {
        algorithms: ['HS512'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        clockTimestamp: nowSeconds,
      });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError)
        throw unauthenticated('token expired', LegacyGatewayCode.TOKEN_EXPIRED);
      if (error instanceof jwt.JsonWebTokenError && /signature|algorithm/.test(error.message)) {
        throw unauthenticated('invalid token signature', LegacyGatewayCode.BAD_SIGNATURE);
      }
      // A token that is not valid yet (`nbf`) may become valid: the cause says so to the refusal memo above.
      throw new UnauthenticatedError('invalid token', { legacyCode: 0, cause: error });
    }
    if (typeof claims === 'string' || typeof claims.exp !== 'number' || claims.type !== 'access_token') {
      throw unauthenticated('invalid token claims', LegacyGatewayCode.INVALID_CLAIMS);
    }
    const uuid = typeof claims.uuid === 'string' ? claims.uuid : '';
    const role = roleOf(uuid);
    if (!role) throw unauthenticated('invalid token claims', LegacyGatewayCode.INVALID_CLAIMS);
    return { uuid, role };
  };

  return {
    sign(uuid, nowSeconds = Math.floor(Date.now() / 1000)) {
      const role = roleOf(uuid);
      if (!role) throw new Error(`cannot sign a token for ${uuid}: not an account uuid`);
      const expiresAt = nowSeconds + TOKEN_LIFETIME_SECONDS[role];
      const claims: AccessTokenClaims = { uuid, type: 'access_token', exp: expiresAt };
      return { token: jwt.sign(claims, secret, { algorithm: 'HS512', noTimestamp: true }), expiresAt };
    },
    verify,
    fromAuthorizationHeader: (header, nowSeconds) => sessionOf(header, nowSeconds).caller,
    sessionOf,
  };

  function sessionOf(header: string | undefined, nowSeconds?: number): TokenSession {
    if (header === undefined || header === '') {
      throw unauthenticated('missing Authorization header', LegacyGatewayCode.NO_AUTHORIZATION_HEADER);
    }
    const parts = header.split(' ');
    if (parts.length !== 2) {
      throw unauthenticated('malformed Authorization header', LegacyGatewayCode.MALFORMED_AUTHORIZATION_HEADER);
    }
    const [scheme, token] = parts as [string, string];
    if (scheme !== 'Bearer') {
      throw unauthenticated('unsupported Authorization scheme', LegacyGatewayCode.UNSUPPORTED_SCHEME);
    }
    return verifySession(token, nowSeconds);
  }
}
