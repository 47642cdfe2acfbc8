import { pbkdf2Sync } from 'node:crypto';
import {
  hashPassword,
  isWerkzeugHash,
  passwordMatches,
  werkzeugHash,
} from '../../../../reference-services/auth/passwords';

describe('auth passwords', () => {
  it('hashes with bcrypt at cost 4 (legacy MinCost)', async () => {
    const hash = await hashPassword('secret12');
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(passwordMatches(hash, 'secret12')).resolves.toBe(true);
    await expect(passwordMatches(hash, 'secret13')).resolves.toBe(false);
  });

  it('checks werkzeug hashes with the iteration count the hash states', async () => {
    const hash = werkzeugHash('old-pw', 'abcdefgh', 1200);
    expect(hash).toMatch(/^pbkdf2:sha256:1200\$abcdefgh\$[0-9a-f]{64}$/);
    await expect(passwordMatches(hash, 'old-pw')).resolves.toBe(true);
    await expect(passwordMatches(hash, 'other')).resolves.toBe(false);
  });

  it('falls back to the legacy 50 000 iterations when the hash states none', async () => {
    const hex = pbkdf2Sync('old-pw', 'salt', 50_000, 32, 'sha256').toString('hex');
    await expect(passwordMatches(`pbkdf2:sha256$salt$${hex}`, 'old-pw')).resolves.toBe(true);
  });

  it.each([
    ['pbkdf2:sha256:150000$salt$abc', true],
    ['pbkdf2:sha1$salt$abc', true],
    ['pbkdf2:sha256:150000', false],
    ['$2a$04$abcdefghijklmnopqrstuu', false],
    ['plain-password', false],
  ])('isWerkzeugHash(%p) is %p', (value, expected) => {
    expect(isWerkzeugHash(value)).toBe(expected);
  });

  it('treats a werkzeug-looking value with a bad digest as a mismatch', async () => {
    await expect(passwordMatches('pbkdf2:sha256:1000$salt$nothex', 'x')).resolves.toBe(false);
  });

  it('throws on a stored value that is neither werkzeug nor bcrypt (Go answered 500)', async () => {
    await expect(passwordMatches('plain-password', 'plain-password')).rejects.toThrow(/hash compare error/);
  });
});
