import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The aes-everywhere AES-256 format the legacy `Request-Security` header uses (mervick/aes-everywhere, the same
 * as OpenSSL `enc -aes-256-cbc -md md5` and CryptoJS passphrase mode): base64 of `"Salted__"` + an 8-byte salt +
 * AES-256-CBC ciphertext (PKCS#7 padding), with key and IV derived from passphrase and salt by OpenSSL's
 * EVP_BytesToKey (MD5, one iteration). Written on node:crypto, which maintains every primitive it needs, rather
 * than on an unmaintained npm port.
 */

const MAGIC = Buffer.from('Salted__', 'latin1');
const SALT_BYTES = 8;
const BLOCK_BYTES = 16;
const KEY_BYTES = 32;

/** EVP_BytesToKey with MD5 and one round: D_i = MD5(D_(i-1) ‖ passphrase ‖ salt), concatenated into key ‖ IV. */
export function evpBytesToKey(passphrase: Buffer, salt: Buffer): { key: Buffer; iv: Buffer } {
  const blocks: Buffer[] = [];
  let previous = Buffer.alloc(0);
  let length = 0;
  while (length < KEY_BYTES + BLOCK_BYTES) {
    previous = createHash('md5').update(previous).update(passphrase).update(salt).digest();
    blocks.push(previous);
    length += previous.length;
  }
  const material = Buffer.concat(blocks);
  return { key: material.subarray(0, KEY_BYTES), iv: material.subarray(KEY_BYTES, KEY_BYTES + BLOCK_BYTES) };
}

/** Encrypts as aes-everywhere's `encrypt(text, passphrase)` does; `salt` is random unless given (tests). */
export function encryptAes256(plaintext: string, passphrase: string, salt: Buffer = randomBytes(SALT_BYTES)): string {
  if (salt.length !== SALT_BYTES) throw new Error(`salt must be ${SALT_BYTES} bytes`);
  const { key, iv } = evpBytesToKey(Buffer.from(passphrase, 'utf8'), salt);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([MAGIC, salt, body]).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decrypts an aes-everywhere value; `undefined` for anything that is not one (not base64, no salt header, a
 * ciphertext that is not whole blocks, bad padding, which is what a wrong passphrase gives 255 times in 256).
 */
export function decryptAes256(value: string, passphrase: string): string | undefined {
  if (!BASE64.test(value) || value.length % 4 !== 0) return undefined;
  const raw = Buffer.from(value, 'base64');
  const body = raw.subarray(MAGIC.length + SALT_BYTES);
  if (!raw.subarray(0, MAGIC.length).equals(MAGIC) || body.length === 0 || body.length % BLOCK_BYTES !== 0) {
    return undefined;
  }
  const { key, iv } = evpBytesToKey(
    Buffer.from(passphrase, 'utf8'),
    raw.subarray(MAGIC.length, MAGIC.length + SALT_BYTES),
  );
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
