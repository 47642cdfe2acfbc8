import type { ServerResponse } from 'node:http';

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
