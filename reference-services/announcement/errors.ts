import { snakeStatus, type SnakeStatus } from '../shared/status';

/** Every announcement error carries code −1000 (legacy-api.md §4.5, §5.6). */
export const ANNOUNCEMENT_ERROR_CODE = -1000;

/**
 * A business failure of the Kotlin service (its BusinessException family): thrown by the rules, turned into the
 * in-message status by `replyWithError`.
 */
export class AnnouncementError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 500,
    message: string,
  ) {
    super(message);
    this.name = 'AnnouncementError';
  }
}

// Messages of the legacy exceptions (BadRequestException, UnAuthorizedException, NotFoundException, ServerException).
export const fail = {
  badType: () => new AnnouncementError(400, "Type isn't matched"),
  forbidden: () => new AnnouncementError(403, 'UnAuthorized'),
  notFound: () => new AnnouncementError(404, 'Not found Announcement'),
  internal: (reason: string) => new AnnouncementError(500, reason),
};

/** The in-message reply for a business failure; anything else is rethrown (implementService answers 500 −1000). */
export function replyWithError(error: unknown): SnakeStatus {
  if (error instanceof AnnouncementError) return snakeStatus(error.status, error.message, ANNOUNCEMENT_ERROR_CODE);
  throw error;
}
