/**
 * club → auth over gRPC, as the Go club service did through go-micro (legacy-api.md §1.6 route 29, §5.3).
 * The auth request carries the caller's uuid as `UUID`: that is what the legacy handlers sent, and auth lets
 * students and admins (the only callers that get this far) read student informs.
 */
import type { ServiceError } from '@grpc/grpc-js';
import {
  AuthStudentService,
  type GetStudentInformWithUUIDResponse,
  type GetStudentInformsWithUUIDsResponse,
} from '../../grpc-clients/generated/auth/auth-student';
import { consulServiceName } from '../../core/config';
import type { CallContext } from '../shared/implement-service';
import { PeerTimeoutError, PeerUnavailableError, type PeerClients } from '../shared/peer-clients';
import { goMessage, goStatus, type GoStatus } from '../shared/status';

export type PeerResult<T> = { ok: true; response: T } | { ok: false; status: GoStatus };

/** Transport failures as the Go service answered them: 503 no instance, 408 timeout, 500 anything else. */
export function authFailureStatus(error: unknown): GoStatus {
  if (error instanceof PeerUnavailableError) {
    return goStatus(
      503,
      goMessage.serviceUnavailable(`there is no available server, name: ${consulServiceName('auth')}`),
    );
  }
  if (error instanceof PeerTimeoutError) return goStatus(408, goMessage.requestTimeout(error.message));
  const detail = (error as Partial<ServiceError>).details ?? (error instanceof Error ? error.message : String(error));
  return goStatus(500, goMessage.internal(detail));
}

async function settle<T>(call: Promise<T>): Promise<PeerResult<T>> {
  try {
    return { ok: true, response: await call };
  } catch (error) {
    return { ok: false, status: authFailureStatus(error) };
  }
}

export function createAuthPeer(peers: PeerClients) {
  return {
    studentInforms(
      callerUuid: string,
      studentUuids: string[],
      ctx: CallContext,
    ): Promise<PeerResult<GetStudentInformsWithUUIDsResponse>> {
      return settle(
        peers.call(
          'auth',
          AuthStudentService,
          'getStudentInformsWithUuiDs',
          { UUID: callerUuid, StudentUUIDs: studentUuids },
          ctx,
        ),
      );
    },
    studentInform(
      callerUuid: string,
      studentUuid: string,
      ctx: CallContext,
    ): Promise<PeerResult<GetStudentInformWithUUIDResponse>> {
      return settle(
        peers.call(
          'auth',
          AuthStudentService,
          'getStudentInformWithUuid',
          { UUID: callerUuid, StudentUUID: studentUuid },
          ctx,
        ),
      );
    },
  };
}

export type AuthPeer = ReturnType<typeof createAuthPeer>;
