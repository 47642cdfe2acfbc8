import DataLoader from 'dataloader';
import type { ClubInform } from './generated/club/club-student';
import type { StudentInform } from './generated/auth/auth-student';
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
  club: DataLoader<string, ClubInform>;
  teacher: DataLoader<string, GetTeacherInformWithUUIDResponse>;
  parent: DataLoader<string, GetParentInformWithUUIDResponse>;
  recruitment: DataLoader<string, GetRecruitmentInformWithUUIDResponse>;
}

/** Orders a batch reply by the requested keys; a key the reply lacks gets an Error for that key only. */
function byKeys<T>(keys: readonly string[], items: readonly T[], keyOf: (item: T) => string, what: string) {
  const found = new Map(items.map((item) => [keyOf(item), item]));
  return keys.map((key) => found.get(key) ?? new Error(`${what} ${key} not found`));
}

export function createLoaders(clients: ServiceClients): Loaders {
  return {
    student: new DataLoader(async (uuids) => {
      const reply = await clients.auth.student.getStudentInformsWithUuiDs({ StudentUUIDs: [...uuids] });
      return byKeys(uuids, reply.StudentInforms, (s) => s.StudentUUID, 'student');
    }),
    club: new DataLoader(async (uuids) => {
      const reply = await clients.club.student.getClubInformsWithUuiDs({ ClubUUIDs: [...uuids] });
      return byKeys(uuids, reply.Informs, (c) => c.ClubUUID, 'club');
    }),
    // No batch RPC exists for these: one call per distinct id, in parallel.
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
  };
}
