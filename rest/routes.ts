import { authAdminRoutes } from './handlers/auth-admin-routes';
import { authLoginRoutes } from './handlers/auth-login-routes';
import { authStudentRoutes } from './handlers/auth-student-routes';
import { authTeacherParentRoutes } from './handlers/auth-teacher-parent-routes';
import { clubReadRoutes } from './handlers/club-read-routes';
import { clubWriteRoutes } from './handlers/club-write-routes';
import { announcementRoutes } from './handlers/announcement-routes';
import { outingRoutes } from './handlers/outing-routes';
import { scheduleRoutes } from './handlers/schedule-routes';
import type { RestRoute } from './rest-route';

/** Every legacy v1 route this gateway serves, by domain (legacy-api.md §1). */
export const REST_ROUTES: readonly RestRoute[] = [
  ...authAdminRoutes,
  ...authLoginRoutes,
  ...authStudentRoutes,
  ...authTeacherParentRoutes,
  ...clubReadRoutes,
  ...clubWriteRoutes,
  ...outingRoutes,
  ...scheduleRoutes,
  ...announcementRoutes,
];
