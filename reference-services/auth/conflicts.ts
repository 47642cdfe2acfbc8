import { sameSeat, type AuthStore, type ClassSeat } from './store';

/** Which unique key a new student would break, in the order the legacy inserts hit them. */
export function studentConflict(
  store: AuthStore,
  candidate: ClassSeat & { uuid: string; studentId: string; phoneNumber: string },
): 'uuid' | 'studentId' | 'seat' | 'phoneNumber' | undefined {
  for (const student of store.students.values()) {
    if (student.uuid === candidate.uuid) return 'uuid';
    if (student.studentId === candidate.studentId) return 'studentId';
  }
  for (const student of store.students.values()) if (sameSeat(student, candidate)) return 'seat';
  for (const student of store.students.values())
    if (student.phoneNumber === candidate.phoneNumber) return 'phoneNumber';
  return undefined;
}

export function teacherConflict(
  store: AuthStore,
  candidate: { uuid: string; teacherId: string; phoneNumber: string; grade: number; group: number },
  exceptUuid = '',
): 'uuid' | 'teacherId' | 'phoneNumber' | 'homeroom' | undefined {
  const others = [...store.teachers.values()].filter((teacher) => teacher.uuid !== exceptUuid);
  if (others.some((teacher) => teacher.uuid === candidate.uuid)) return 'uuid';
  if (others.some((teacher) => teacher.teacherId === candidate.teacherId)) return 'teacherId';
  // Teachers created from a PICK login have no phone number; "" is not a taken number.
  if (candidate.phoneNumber !== '' && others.some((teacher) => teacher.phoneNumber === candidate.phoneNumber)) {
    return 'phoneNumber';
  }
  // 0/0 means "no homeroom class", which many teachers share.
  const hasHomeroom = candidate.grade !== 0 && candidate.group !== 0;
  if (hasHomeroom && others.some((t) => t.grade === candidate.grade && t.group === candidate.group)) return 'homeroom';
  return undefined;
}

export function parentConflict(
  store: AuthStore,
  candidate: { uuid: string; parentId: string; phoneNumber: string },
): 'uuid' | 'parentId' | 'phoneNumber' | undefined {
  for (const parent of store.parents.values()) {
    if (parent.uuid === candidate.uuid) return 'uuid';
    if (parent.parentId === candidate.parentId) return 'parentId';
  }
  if (candidate.phoneNumber === '') return undefined;
  for (const parent of store.parents.values()) if (parent.phoneNumber === candidate.phoneNumber) return 'phoneNumber';
  return undefined;
}
