import type { ServerResponse } from 'node:http';
import type { ErrorResponder } from '../src/http/http-server';

/**
 * The legacy response envelope (legacy-api.md §0.1): `status` (equal to the HTTP status), `code` (0 or a negative
 * domain code) and `message`, with data fields beside them at the top level.
 */
export interface Envelope {
  status: number;
  code: number;
  message: string;
  [field: string]: unknown;
}

export function sendEnvelope(res: ServerResponse, envelope: Envelope): void {
  const body = JSON.stringify(envelope);
  res.writeHead(envelope.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Errors that escape a REST handler (401s, 503 −301/−302, 408, masked 500s) in the envelope. */
export const restErrorResponder: ErrorResponder = (res, status, _code, message, extra) =>
  sendEnvelope(res, {
    status,
    code:
      typeof (extra as { legacyCode?: unknown } | undefined)?.legacyCode === 'number'
        ? (extra as { legacyCode: number }).legacyCode
        : 0,
    message,
  });

/** A REST-level rejection with its legacy status and code (bind −201/−202, validation −203, 401s…). */
export class RestRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'RestRejection';
  }

  toEnvelope(): Envelope {
    return { status: this.status, code: this.code, message: this.message };
  }
}
