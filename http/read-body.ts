import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../core/error-codes';
import { GatewayError } from '../core/errors';

/** Reads the whole body, refusing more than `limit` bytes with PAYLOAD_TOO_LARGE before buffering it. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) {
    req.resume();
    return Promise.reject(payloadTooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(payloadTooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function payloadTooLarge(limit: number): GatewayError {
  return new GatewayError(ErrorCode.PAYLOAD_TOO_LARGE, `request body exceeds ${limit} bytes`);
}
