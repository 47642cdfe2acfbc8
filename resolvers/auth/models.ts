import type { AccountModel } from '../base/models';

/**
 * Account types resolve from their id alone: relationship fields elsewhere (`Club.leader`, `Outing.student`)
 * hand on `{ id, role }`, and each field below loads what it needs through the per-request DataLoaders.
 */
export type AdminModel = AccountModel & { role: 'ADMIN' };
export type StudentModel = AccountModel & { role: 'STUDENT' };
export type TeacherModel = AccountModel & { role: 'TEACHER' };
export type ParentModel = AccountModel & { role: 'PARENT' };

export const studentModel = (id: string): StudentModel => ({ id, role: 'STUDENT' });
export const teacherModel = (id: string): TeacherModel => ({ id, role: 'TEACHER' });
export const parentModel = (id: string): ParentModel => ({ id, role: 'PARENT' });
