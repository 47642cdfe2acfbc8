import { isGatewayError, NotFoundError } from '../core/errors';
import DataLoader from 'dataloader';
import type { ClubInform } from './generated/club/club-student';
import type { GetStudentInformWithUUIDResponse, StudentInform } from './generated/auth/auth-student';
import type { GetTeacherInformWithUUIDResponse } from './generated/auth/auth-teacher';
import type { GetParentInformWithUUIDResponse } from './generated/auth/auth-parent';
import type { GetRecruitmentInformWithUUIDResponse } from './generated/club/club-student';
import type { ServiceClients } from './service-clients';

/**
 * Per-request loaders for every by-id read: ids asked for in the same tick are deduplicated and, where the
 * service has a batch RPC, fetched in one call (GetStudentInformsWithUUIDs, GetClubInformsWithUUIDs).
 */
export interface Loaders {
  student: DataLoader<string, StudentInform>;
  /**
   * The single student read (GetStudentInformWithUUID), only for `parentStatus`, which the batch read lacks. The
   * service reports the status once and then clears it, so one read per request keeps aliases consistent.
   */
  studentDetail: DataLoader<string, GetStudentInformWithUUIDResponse>;
  club: DataLoader<string, ClubInform>;
  teacher: DataLoader<string, GetTeacherInformWithUUIDResponse>;
  parent: DataLoader<string, GetParentInformWithUUIDResponse>;
  recruitment: DataLoader<string, GetRecruitmentInformWithUUIDResponse>;
  /** Club id → the id of its recruitment in progress, or null (GetRecruitmentUUIDsWithClubUUIDs). */
  currentRecruitmentId: DataLoader<string, string | null>;
  /** A student's uuid by grade, class and number (rows of the outing filter carry these instead of the uuid). */
  studentIdByNumber: DataLoader<StudentNumberKey, string, string>;
}

/** Grade, class and number identify a student; the name guards against a stale number. */
export interface StudentNumberKey {
  grade: number;
  group: number;
  number: number;
  name: string;
}

/** Orders a batch reply by the requested keys; a key the reply lacks gets an Error for that key only. */
function byKeys<T>(keys: readonly string[], items: readonly T[], keyOf: (item: T) => string, what: string) {
  const found = new Map(items.map((item) => [keyOf(item), item]));
  return keys.map((key) => found.get(key) ?? new NotFoundError(`${what} ${key} not found`));
}

/**
 * The batch RPCs fail whole when one id is unknown (auth 409 −601, club 404). Then each id is asked alone, so
 * only the unknown ones fail and one deleted member cannot break a list of members.
 */
async function batchOrOneByOne<T>(
  keys: readonly string[],
  batch: (keys: string[]) => Promise<readonly T[]>,
  keyOf: (item: T) => string,
  what: string,
): Promise<Array<T | Error>> {
  try {
    return byKeys(keys, await batch([...keys]), keyOf, what);
  } catch (error) {
    if (keys.length === 1 || !isGatewayError(error) || !['NOT_FOUND', 'CONFLICT'].includes(error.code)) throw error;
    return Promise.all(
      keys.map((key) =>
        batch([key]).then(
          (items) => byKeys([key], items, keyOf, what)[0] as T | Error,
          (e: Error) => e,
        ),
      ),
    );
  }
}

export function createLoaders(clients: ServiceClients): Loaders {
  return {
    student: new DataLoader((uuids) =>
      batchOrOneByOne(
        uuids,
        async (StudentUUIDs) =>
          (await clients.auth.student.getStudentInformsWithUuiDs({ StudentUUIDs })).StudentInforms,
        (s) => s.StudentUUID,
        'student',
      ),
    ),
    club: new DataLoader((uuids) =>
      batchOrOneByOne(
        uuids,
        async (ClubUUIDs) => (await clients.club.student.getClubInformsWithUuiDs({ ClubUUIDs })).Informs,
        (c) => c.ClubUUID,
        'club',
      ),
    ),
    currentRecruitmentId: new DataLoader(async (uuids) => {
      // The reply is positional, with "" for a club that has no recruitment in progress (legacy-api.md §5.3).
      const reply = await clients.club.student.getRecruitmentUuiDsWithClubUuiDs({ ClubUUIDs: [...uuids] });
      return uuids.map((_uuid, index) => reply.RecruitmentUUIDs[index] || null);
    }),
    // No batch RPC exists for these: one call per distinct id, in parallel.
    studentDetail: new DataLoader((uuids) =>
      Promise.all(
        uuids.map((StudentUUID) =>
          clients.auth.student.getStudentInformWithUuid({ StudentUUID }).catch((e: Error) => e),
        ),
      ),
    ),
    teacher: new DataLoader((uuids) =>
      Promise.all(
        uuids.map((TeacherUUID) =>
          clients.auth.teacher.getTeacherInformWithUuid({ TeacherUUID }).catch((e: Error) => e),
        ),
      ),
    ),
    parent: new DataLoader((uuids) =>
      Promise.all(
        uuids.map((ParentUUID) => clients.auth.parent.getParentInformWithUuid({ ParentUUID }).catch((e: Error) => e)),
      ),
    ),
    recruitment: new DataLoader((uuids) =>
      Promise.all(
        uuids.map((RecruitmentUUID) =>
          clients.club.student.getRecruitmentInformWithUuid({ RecruitmentUUID }).catch((e: Error) => e),
        ),
      ),
    ),
    studentIdByNumber: new DataLoader(
      (keys) =>
        Promise.all(
          keys.map(({ grade, group, number, name }) =>
            clients.auth.student
              .getStudentUuiDsWithInform({ Grade: grade, Group: group, StudentNumber: number, Name: name })
              .then((reply) => reply.StudentUUIDs[0] ?? new Error(`student ${grade}-${group}-${number} not found`))
              .catch((e: Error) => e),
          ),
        ),
      { cacheKeyFn: ({ grade, group, number, name }) => `${grade}/${group}/${number}/${name}` },
    ),
  };
}
