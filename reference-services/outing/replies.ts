import { snakeStatus, type SnakeStatus } from '../shared/status';
import { OUTING_CODE } from './outing-rules';

/** The in-message replies of the legacy Python service, with its exception texts. */
export const reply = {
  ok: (): SnakeStatus => snakeStatus(200, 'success'),
  created: (): SnakeStatus => snakeStatus(201, 'success'),
  badRequest: (message: string): SnakeStatus => snakeStatus(400, message),
  forbidden: (): SnakeStatus => snakeStatus(403, 'Unauthorized', OUTING_CODE.unauthorized),
  outingNotFound: (): SnakeStatus => snakeStatus(404, 'Outing Not Found', OUTING_CODE.notFound),
  confirmCodeNotFound: (): SnakeStatus => snakeStatus(404, 'Confirm Code Not Found', OUTING_CODE.notFound),
  outingExists: (): SnakeStatus => snakeStatus(409, 'Outing is exist', OUTING_CODE.outingExists),
  flowConflict: (code: number): SnakeStatus => snakeStatus(409, 'The request cannot be executed', code),
};
