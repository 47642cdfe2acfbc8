import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// The services reject a request id that is not a UUID (legacy-api.md §2.5), so only a UUID is kept.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A valid incoming `X-Request-Id` is kept; otherwise a new one is made. */
export function requestIdOf(headers: IncomingHttpHeaders): string {
  const incoming = headers['x-request-id'];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value !== undefined && UUID.test(value) ? value.toLowerCase() : randomUUID();
}
