import type { StudentInform } from '../../grpc-clients/generated/auth/auth-student';

/** A student row as routes 13 and 28 return it. */
export function studentRow(s: StudentInform) {
  return {
    student_uuid: s.StudentUUID,
    grade: s.Grade,
    group: s.Group,
    student_number: s.StudentNumber,
    name: s.Name,
    phone_number: s.PhoneNumber,
    profile_uri: s.ImageURI,
  };
}

/** Path parameters are always present on the routes that declare them. */
export function param(params: Record<string, string | undefined>, name: string): string {
  return params[name] ?? '';
}
