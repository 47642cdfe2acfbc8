import type { StudentModel } from '../auth/models';

/** The accounts domain resolves a `Student` from its id (its fields use the batched student loader). */
export function studentRef(id: string): StudentModel {
  return { id, role: 'STUDENT' };
}
