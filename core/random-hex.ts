import { randomFillSync } from 'node:crypto';

/**
 * Random hex ids (trace and span ids) drawn from a pool filled 4 KB at a time: one `randomBytes` call per id cost
 * more than the rest of a cached request's tracing headers (a CPU profile of the REST path put it at ≈ 15 µs per
 * request). The bytes are as random as `randomBytes`'; only the system calls are batched.
 */
const POOL_BYTES = 4096;
const pool = Buffer.allocUnsafe(POOL_BYTES);
let offset = POOL_BYTES;

export function randomHex(bytes: number): string {
  if (offset + bytes > POOL_BYTES) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString('hex', offset, offset + bytes);
  offset += bytes;
  return hex;
}
