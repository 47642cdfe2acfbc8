import jwt from 'jsonwebtoken';
import { createAccessTokens, TOKEN_LIFETIME_SECONDS } from '../../../core/access-tokens';
import { ErrorCode } from '../../../core/error-codes';
import { GatewayError, UnauthenticatedError } from '../../../core/errors';

const SECRET = 'unit-test-secret';
const NOW = 1_800_000_000;
const tokens = createAccessTokens(SECRET);

function legacyCodeOf(fn: () => unknown): number | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(UnauthenticatedError);
    return (error as UnauthenticatedError).legacyCode;
  }
  throw new Error('expected a rejection');
}

describe('access tokens', () => {
  it('signs the legacy claims with HS512 and the lifetime of the role', () => {
    const { token, expiresAt } = tokens.sign('student-000000000001', NOW);
    expect(expiresAt).toBe(NOW + TOKEN_LIFETIME_SECONDS.student);
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header.alg).toBe('HS512');
    expect(decoded?.payload).toEqual({ uuid: 'student-000000000001', type: 'access_token', exp: NOW + 604800 });
    expect(tokens.sign('teacher-000000000001', NOW).expiresAt).toBe(NOW + 86400);
  });

  it('verifies a token the legacy gateway signed with the same secret', () => {
    const legacy = jwt.sign({ uuid: 'parent-000000000001', type: 'access_token', exp: NOW + 60 }, SECRET, {
      algorithm: 'HS512',
      noTimestamp: true,
    });
    expect(tokens.verify(legacy, NOW)).toEqual({ uuid: 'parent-000000000001', role: 'parent' });
  });

  it.each([
    ['no header', undefined, -101],
    ['three parts', 'Bearer a b', -102],
    ['one part', 'Bearer', -102],
    ['another scheme', 'Basic abc', -106],
  ])('rejects %s with legacy code %i', (_name, header, code) => {
    expect(legacyCodeOf(() => tokens.fromAuthorizationHeader(header, NOW))).toBe(code);
  });

  it('rejects an expired token with -104, allowing a small clock skew', () => {
    const { token } = tokens.sign('admin-000000000001', NOW);
    expect(tokens.verify(token, NOW + 86400 + 10).uuid).toBe('admin-000000000001');
    expect(legacyCodeOf(() => tokens.verify(token, NOW + 86400 + 120))).toBe(-104);
  });

  it('keeps refusing a token once it expires, although it was verified (and remembered) before', () => {
    const { token } = tokens.sign('student-000000000001', NOW);
    expect(tokens.verify(token, NOW).uuid).toBe('student-000000000001');
    expect(tokens.verify(token, NOW + 10).uuid).toBe('student-000000000001');
    expect(legacyCodeOf(() => tokens.verify(token, NOW + 604800 + 120))).toBe(-104);
  });

  it('does not let a remembered token vouch for a token that differs in one byte', () => {
    const { token } = tokens.sign('student-000000000001', NOW);
    tokens.verify(token, NOW);
    const last = token.slice(-1) === 'A' ? 'B' : 'A';
    expect(legacyCodeOf(() => tokens.verify(token.slice(0, -1) + last, NOW))).toBe(-103);
  });

  it('rejects a wrong secret with -103', () => {
    const forged = createAccessTokens('other').sign('admin-000000000001', NOW).token;
    expect(legacyCodeOf(() => tokens.verify(forged, NOW))).toBe(-103);
  });

  it('pins the algorithm: an HS256 token with the right secret is refused', () => {
    const hs256 = jwt.sign({ uuid: 'admin-000000000001', type: 'access_token', exp: NOW + 60 }, SECRET, {
      algorithm: 'HS256',
    });
    expect(legacyCodeOf(() => tokens.verify(hs256, NOW))).toBe(-103);
  });

  it.each([
    ['no exp', { uuid: 'admin-000000000001', type: 'access_token' }],
    ['a refresh type', { uuid: 'admin-000000000001', type: 'refresh_token', exp: NOW + 60 }],
    ['a non-account uuid', { uuid: 'club-000000000001', type: 'access_token', exp: NOW + 60 }],
  ])('rejects claims with %s as invalid (-105)', (_name, claims) => {
    const token = jwt.sign(claims, SECRET, { algorithm: 'HS512', noTimestamp: true });
    expect(legacyCodeOf(() => tokens.verify(token, NOW))).toBe(-105);
  });

  it('refuses an unsigned token (alg: none)', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ uuid: 'admin-000000000001', type: 'access_token', exp: NOW + 60 })}.`;
    expect(legacyCodeOf(() => tokens.verify(none, NOW))).toBe(-103);
  });

  it('refuses a tampered payload under the original signature', () => {
    const [header, , signature] = tokens.sign('student-000000000001', NOW).token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ uuid: 'admin-000000000001', type: 'access_token', exp: NOW + 604800 }),
    ).toString('base64url');
    expect(legacyCodeOf(() => tokens.verify(`${header}.${forged}.${signature}`, NOW))).toBe(-103);
  });

  it('rejects garbage with code 0', () => {
    expect(legacyCodeOf(() => tokens.fromAuthorizationHeader('Bearer not-a-jwt', NOW))).toBe(0);
  });

  it('remembers a refused token: sent again, it gets the same refusal without a second verification', () => {
    const fresh = createAccessTokens(SECRET);
    const forged = jwt.sign({ uuid: 'student-000000000001', type: 'access_token', exp: NOW + 60 }, 'other-secret', {
      algorithm: 'HS512',
      noTimestamp: true,
    });
    const spy = jest.spyOn(jwt, 'verify');
    try {
      expect(legacyCodeOf(() => fresh.verify(forged, NOW))).toBe(-103);
      expect(legacyCodeOf(() => fresh.verify(forged, NOW))).toBe(-103);
      expect(legacyCodeOf(() => fresh.fromAuthorizationHeader('Bearer not-a-jwt', NOW))).toBe(0);
      expect(legacyCodeOf(() => fresh.fromAuthorizationHeader('Bearer not-a-jwt', NOW))).toBe(0);
      expect(spy).toHaveBeenCalledTimes(2);
    } finally {
      spy.mockRestore();
    }
  });

  it('does not remember a token refused only because it is not valid yet (nbf): it may become valid', () => {
    const fresh = createAccessTokens(SECRET);
    const early = jwt.sign(
      { uuid: 'student-000000000001', type: 'access_token', exp: NOW + 3600, nbf: NOW + 600 },
      SECRET,
      { algorithm: 'HS512', noTimestamp: true },
    );
    expect(legacyCodeOf(() => fresh.verify(early, NOW))).toBe(0);
    expect(fresh.verify(early, NOW + 700).uuid).toBe('student-000000000001');
  });

  it('answers refusals and unavailability without capturing a stack trace (unexpected failures keep theirs)', () => {
    const refusal = new UnauthenticatedError('nope');
    expect(refusal.stack?.split('\n').length).toBe(1);
    expect(new GatewayError(ErrorCode.SERVICE_UNAVAILABLE, 'down').stack?.split('\n').length).toBe(1);
    expect(new GatewayError(ErrorCode.INTERNAL_SERVER_ERROR, 'bug').stack?.split('\n').length).toBeGreaterThan(1);
  });
});
