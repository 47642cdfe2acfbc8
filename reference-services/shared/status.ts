/**
 * The status-in-message convention (legacy-api.md §5.1): every business reply starts with an HTTP-like status,
 * a domain code and a message, and the gRPC status itself stays OK.
 *
 * Go services (auth, club) use `Status`/`Code`/`Message`; the others use `status`/`code`/`msg`.
 */
export interface GoStatus {
  Status: number;
  Code: number;
  Message: string;
}

export interface SnakeStatus {
  status: number;
  code: number;
  msg: string;
}

export type StatusStyle = 'go' | 'snake';

export function goStatus(status: number, message: string, code = 0): GoStatus {
  return { Status: status, Code: code, Message: message };
}

export function snakeStatus(status: number, msg: string, code = 0): SnakeStatus {
  return { status, code, msg };
}

/** Message formats of the Go services. */
export const goMessage = {
  forbidden: (reason: string) => `forbidden (reason: ${reason})`,
  notFound: (reason: string) => `not found (reason: ${reason})`,
  proxyAuthRequired: (reason: string) => `proxy auth required (reason: ${reason})`,
  conflict: (reason: string) => `conflict (reason: ${reason})`,
  internal: (reason: string) => `internal server error (reason: ${reason})`,
  serviceUnavailable: (reason: string) => `service unavailable (reason: ${reason})`,
  requestTimeout: (reason: string) => `request time out (reason: ${reason})`,
};
