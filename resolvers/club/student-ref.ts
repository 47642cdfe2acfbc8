import type { StudentModel } from '../auth/models';

/** Students are resolved by the accounts domain from their id (its `Student` fields use the student loader). */
export function studentRef(id: string): StudentModel {
  return { id, role: 'STUDENT' };
}
