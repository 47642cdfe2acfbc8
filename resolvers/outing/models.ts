import type { Outing } from '../generated/resolvers-types';

/**
 * How an outing row names its student: GetOutingInform and GetStudentOutings give (or imply) the uuid, but the
 * teacher filter's rows carry only the student's grade, class, number and name.
 */
export type OutingStudentRef = { id: string } | { grade: number; classNumber: number; number: number; name: string };

/** An outing as the resolvers hand it on: every field mapped already, except the student, resolved on demand. */
export type OutingModel = Omit<Outing, '__typename' | 'student'> & { student: OutingStudentRef };
