import type { Metadata } from '@grpc/grpc-js';
import type { CreateNewStudentRequest } from '../../../../grpc-clients/generated/auth/auth-admin';
import { DEMO_ACCOUNTS } from '../../../../reference-services/demo-data';
import { legacyMetadata } from '../../../helpers/reference-services';

export const ADMIN = DEMO_ACCOUNTS.admin.uuid;
export const STUDENT1 = DEMO_ACCOUNTS.student1.uuid;
export const STUDENT2 = DEMO_ACCOUNTS.student2.uuid;
export const TEACHER1 = DEMO_ACCOUNTS.teacher1.uuid;
export const PARENT1 = DEMO_ACCOUNTS.parent1.uuid;

export const ID_FORMATS = {
  student: /^student-\d{12}$/,
  teacher: /^teacher-\d{12}$/,
  parent: /^parent-\d{12}$/,
};

/** Valid metadata plus the Go services' optional id-forcing key (lower-case on the wire). */
export function forcing(key: 'studentuuid' | 'teacheruuid' | 'parentuuid', id: string): Metadata {
  const metadata = legacyMetadata();
  metadata.set(key, id);
  return metadata;
}

let sequence = 0;
/** A unique 11-digit phone number per call, so tests never collide with each other or the demo data. */
export function uniquePhone(prefix = '0109'): string {
  sequence += 1;
  return `${prefix}${String(sequence).padStart(11 - prefix.length, '0')}`;
}

/** A unique 4–16 character login id. */
export function uniqueLoginId(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}`;
}

/**
 * A valid CreateNewStudent request by the admin. Seats are not shared: each test passes its own
 * (grade, group, number), which must not be a demo seat (2-1-1, 1-3-5, 3-2-7, 1-1-2 unsigned).
 */
export function newStudent(
  seat: { Grade: number; Group: number; StudentNumber: number },
  overrides: Partial<CreateNewStudentRequest> = {},
): Partial<CreateNewStudentRequest> {
  return {
    UUID: ADMIN,
    StudentID: uniqueLoginId('stu'),
    StudentPW: 'password1234',
    Name: '김학생',
    PhoneNumber: uniquePhone(),
    Image: Buffer.from('image-bytes'),
    ...seat,
    ...overrides,
  };
}
