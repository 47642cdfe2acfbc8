import { errorCodeOfStatus } from '../core/error-codes';
import { GatewayError } from '../core/errors';
import { statusOf } from '../core/in-message-status';

/** 200 and 201 are the only success statuses any v1 RPC uses. */
export function isSuccessStatus(status: number): boolean {
  return status === 200 || status === 201;
}

/**
 * Translates a failed in-message status into the gateway's error vocabulary, keeping the original facts:
 * the service, the RPC, its status and, when non-zero, its code as `legacyCode`.
 */
export function errorFromStatus(reply: object, service: string, rpc: string): GatewayError {
  const { status, code, message } = statusOf(reply);
  return new GatewayError(errorCodeOfStatus(status), message || `${service} answered ${status}`, {
    ...(code !== 0 ? { legacyCode: code } : {}),
    details: { service, rpc, upstreamStatus: status },
  });
}

/** Returns the reply when its status is a success, else throws the translated error. */
export function expectSuccess<T extends object>(reply: T, service: string, rpc: string): T {
  if (isSuccessStatus(statusOf(reply).status)) return reply;
  throw errorFromStatus(reply, service, rpc);
}
