/**
 * RPCs safe to send twice: reads (and logins, which change nothing). A read that failed in transport is retried
 * once on another instance; anything else is sent at most once.
 */
const READ_PREFIXES = ['Get', 'Check', 'Search', 'Login'];

export function isIdempotentRpc(rpc: string): boolean {
  return READ_PREFIXES.some((prefix) => rpc.startsWith(prefix));
}
