/**
 * The auth service's in-memory tables (the legacy MySQL schema, legacy-api.md §4.4). Handlers read and write
 * these maps directly; uniqueness rules live in the handlers, as the legacy service mapped DB key errors.
 */

/**
 * Whether the student has a parent and whether that was already reported by GetStudentInformWithUUID
 * (legacy internal values `OK_CONN_OK_NOTIFY` and similar).
 */
export type ParentStatus = 'OK_CONN_NO_NOTIFY' | 'OK_CONN_OK_NOTIFY' | 'NO_CONN_NO_NOTIFY' | 'NO_CONN_OK_NOTIFY';

export interface AdminAccount {
  uuid: string;
  adminId: string;
  passwordHash: string;
}

export interface StudentAccount {
  uuid: string;
  studentId: string;
  passwordHash: string;
  /** "" when no parent is linked. */
  parentUuid: string;
  grade: number;
  group: number;
  studentNumber: number;
  name: string;
  phoneNumber: string;
  /** S3 key `profiles/uuids/<uuid>`. */
  profileUri: string;
  parentStatus: ParentStatus;
}

export interface TeacherAccount {
  uuid: string;
  teacherId: string;
  passwordHash: string;
  /** New accounts cannot log in until certified; no RPC certifies them (legacy-api.md §4.4). */
  certified: boolean;
  /** Homeroom class; 0/0 = none. */
  grade: number;
  group: number;
  name: string;
  /** "" for teachers created from a PICK login. */
  phoneNumber: string;
}

/** A child row of a parent; `studentUuid` is set once a student with these values is linked. */
export interface ChildRow {
  grade: number;
  group: number;
  studentNumber: number;
  name: string;
  studentUuid: string;
}

export interface ParentAccount {
  uuid: string;
  parentId: string;
  passwordHash: string;
  name: string;
  /** Optional: "" when not given. */
  phoneNumber: string;
  children: ChildRow[];
}

/** An imported student who has not signed up yet (route 7), keyed by the 6-digit auth code. */
export interface UnsignedStudent {
  authCode: number;
  name: string;
  phoneNumber: string;
  grade: number;
  group: number;
  studentNumber: number;
}

export interface AuthStore {
  admins: Map<string, AdminAccount>;
  students: Map<string, StudentAccount>;
  teachers: Map<string, TeacherAccount>;
  parents: Map<string, ParentAccount>;
  unsignedStudents: Map<number, UnsignedStudent>;
}

export function createAuthStore(): AuthStore {
  return {
    admins: new Map(),
    students: new Map(),
    teachers: new Map(),
    parents: new Map(),
    unsignedStudents: new Map(),
  };
}

/** The class a student sits in: grade, class and number are unique together. */
export interface ClassSeat {
  grade: number;
  group: number;
  studentNumber: number;
}

export function sameSeat(a: ClassSeat, b: ClassSeat): boolean {
  return a.grade === b.grade && a.group === b.group && a.studentNumber === b.studentNumber;
}

export function findByLoginId<T>(rows: Map<string, T>, pick: (row: T) => string, loginId: string): T | undefined {
  for (const row of rows.values()) if (pick(row) === loginId) return row;
  return undefined;
}
