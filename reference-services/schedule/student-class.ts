import { AuthStudentService } from '../../grpc-clients/generated/auth/auth-student';
import type { CallMetadata } from '../shared/call-metadata';
import { PeerTimeoutError, PeerUnavailableError, type PeerClients } from '../shared/peer-clients';

export type StudentClassLookup =
  | { ok: true; grade: number; group: number }
  /** auth could not be reached: the legacy service answered 503. */
  | { ok: false };

/**
 * The student's grade and class from auth (GetStudentInformWithUUID, the student asking about themselves).
 * The Java mapper never looked at auth's status: a student auth does not know comes back as grade 0, class 0,
 * which has no timetable rows, so the caller ends in 404 as the legacy service did.
 */
export async function lookUpStudentClass(
  peers: PeerClients,
  studentUuid: string,
  caller: CallMetadata,
): Promise<StudentClassLookup> {
  try {
    const reply = await peers.call(
      'auth',
      AuthStudentService,
      'getStudentInformWithUuid',
      { UUID: studentUuid, StudentUUID: studentUuid },
      caller,
    );
    return { ok: true, grade: reply.Grade, group: reply.Group };
  } catch (error) {
    if (error instanceof PeerUnavailableError || error instanceof PeerTimeoutError) return { ok: false };
    throw error;
  }
}
