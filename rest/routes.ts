import { authLoginRoutes } from './handlers/auth-login-routes';
import type { RestRoute } from './rest-route';

/** Every legacy v1 route this gateway serves, by domain (legacy-api.md §1). */
export const REST_ROUTES: readonly RestRoute[] = [...authLoginRoutes];
