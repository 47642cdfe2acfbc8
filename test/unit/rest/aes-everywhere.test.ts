import { createDecipheriv, createHash } from 'node:crypto';
import { decryptAes256, encryptAes256, evpBytesToKey } from '../../../rest/aes-everywhere';

/**
 * An independent OpenSSL `enc -d -aes-256-cbc -md md5` written here from node:crypto primitives (not from the
 * helper), so a shared mistake in key derivation or framing cannot pass both.
 */
function opensslDecrypt(base64: string, passphrase: string): string {
  const raw = Buffer.from(base64, 'base64');
  expect(raw.subarray(0, 8).toString('latin1')).toBe('Salted__');
  const salt = raw.subarray(8, 16);
  const d1 = createHash('md5')
    .update(Buffer.concat([Buffer.from(passphrase), salt]))
    .digest();
  const d2 = createHash('md5')
    .update(Buffer.concat([d1, Buffer.from(passphrase), salt]))
    .digest();
  const d3 = createHash('md5')
    .update(Buffer.concat([d2, Buffer.from(passphrase), salt]))
    .digest();
  const decipher = createDecipheriv('aes-256-cbc', Buffer.concat([d1, d2]), d3);
  return Buffer.concat([decipher.update(raw.subarray(16)), decipher.final()]).toString('utf8');
}

/**
 * Made with OpenSSL 3.0.19: `printf 'dms:1700000000' | openssl enc -aes-256-cbc -md md5 -S 0102030405060708
 * -pass pass:secret` (OpenSSL 3 omits the header when -S is given, so "Salted__" + salt was prepended).
 */
const KNOWN = {
  passphrase: 'secret',
  salt: Buffer.from('0102030405060708', 'hex'),
  plaintext: 'dms:1700000000',
  ciphertext: 'U2FsdGVkX18BAgMEBQYHCCBsQZr6sEY9uE5FqVM6fIE=',
};
/** `printf temporary_master_key | openssl enc -aes-256-cbc -md md5 -salt -pass pass:secret -base64 -A` (random salt). */
/** `openssl enc -aes-256-cbc -md md5 -S 0102030405060708 -pass pass:secret -P` */
const EXPECTED_KEY = 'C9E5A1BD216DBE1317E230CEF48F38EE7F0E17AD64022144BCCEC4A1AA2879AB';
const EXPECTED_IV = 'E24B32BBBC4EF02ECBCB6576523AD893';
const OPENSSL_MASTER_KEY = 'U2FsdGVkX19zBDwg4cMjpbvei08OqDmBXAWf2k+qKrF0OZaBJg8UYCH7eUrw5psi';

describe('aes-everywhere AES-256', () => {
  it('encrypts the known OpenSSL vector byte for byte', () => {
    expect(encryptAes256(KNOWN.plaintext, KNOWN.passphrase, KNOWN.salt)).toBe(KNOWN.ciphertext);
  });

  it('decrypts what OpenSSL encrypted', () => {
    expect(decryptAes256(KNOWN.ciphertext, KNOWN.passphrase)).toBe(KNOWN.plaintext);
    expect(decryptAes256(OPENSSL_MASTER_KEY, 'secret')).toBe('temporary_master_key');
  });

  it.each(['dms:1700000000', '', 'a'.repeat(16), '한글 평문:1234567890', 'x'.repeat(1000)])(
    'what it encrypts the independent decryptor reads back (%#)',
    (plaintext) => {
      const value = encryptAes256(plaintext, 'pass phrase ✓');
      expect(value.startsWith('U2FsdGVkX1')).toBe(true); // base64 of "Salted__"
      expect(opensslDecrypt(value, 'pass phrase ✓')).toBe(plaintext);
      expect(decryptAes256(value, 'pass phrase ✓')).toBe(plaintext);
    },
  );

  it('uses a fresh salt each time', () => {
    expect(encryptAes256('same', 'p')).not.toBe(encryptAes256('same', 'p'));
  });

  it('derives key and IV as EVP_BytesToKey(MD5) does', () => {
    const { key, iv } = evpBytesToKey(Buffer.from('secret'), KNOWN.salt);
    expect(key).toHaveLength(32);
    expect(iv).toHaveLength(16);
    expect(key.toString('hex').toUpperCase()).toBe(EXPECTED_KEY);
    expect(iv.toString('hex').toUpperCase()).toBe(EXPECTED_IV);
  });

  it.each([
    ['not base64', '!!!!'],
    ['no salt header', Buffer.from('NotSalt_12345678abcdefghabcdefgh').toString('base64')],
    ['a partial block', KNOWN.ciphertext.slice(0, -8)],
    ['an empty body', Buffer.from('Salted__12345678').toString('base64')],
    ['empty', ''],
  ])('refuses %s', (_name, value) => {
    expect(decryptAes256(value, KNOWN.passphrase)).toBeUndefined();
  });

  it('a wrong passphrase never yields the plaintext', () => {
    expect(decryptAes256(KNOWN.ciphertext, 'wrong')).not.toBe(KNOWN.plaintext);
  });
});
