import { roleByCutting13, type Role } from '../shared/ids';
import { snakeStatus, type SnakeStatus } from '../shared/status';

/**
 * The schedule service's error replies (legacy-api.md §5.5): always code 0, with the Java exception messages.
 * Success replies leave `msg` empty, as the Java output mappers never set it.
 */
export const scheduleReply = {
  unauthorized: (): SnakeStatus => snakeStatus(401, 'UnAuthorized'),
  notFound: (): SnakeStatus => snakeStatus(404, 'Not Found'),
  serverError: (): SnakeStatus => snakeStatus(500, 'Server Error'),
  unavailable: (): SnakeStatus => snakeStatus(503, 'Service Unavailable'),
};

/**
 * The caller's role as the Java service found it: cut the last 13 characters and compare with
 * admin/student/teacher/"parents".
 * QUIRK (legacy-api.md §0.2, §6.8): "parents" never matches `parent-` + 12 digits, so parents get 401.
 */
export function callerRole(uuid: string): Role | undefined {
  return roleByCutting13(uuid, 'parents');
}

/** Calendar writes are for teachers and admins (any of them, not just the creator). */
export function canWriteCalendar(uuid: string): boolean {
  const role = callerRole(uuid);
  return role === 'teacher' || role === 'admin';
}
