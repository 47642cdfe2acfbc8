import { seedBenchAccounts } from '../bench-population';
import { AuthAdminService } from '../../grpc-clients/generated/auth/auth-admin';
import { AuthEventService } from '../../grpc-clients/generated/auth/auth-event';
import { AuthParentService } from '../../grpc-clients/generated/auth/auth-parent';
import { AuthStudentService } from '../../grpc-clients/generated/auth/auth-student';
import { AuthTeacherService } from '../../grpc-clients/generated/auth/auth-teacher';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';
import { createAdminHandlers } from './admin-handlers';
import { createParentHandlers } from './parent-handlers';
import { seedAuthDemoData } from './seed';
import { createAuthStore } from './store';
import { createStudentHandlers } from './student-handlers';
import { createTeacherHandlers } from './teacher-handlers';

/**
 * `DMS.SMS.v1.service.auth` (legacy Go service): accounts of the four roles, logins, the unsigned-student
 * sign-up and PICK teacher login (legacy-api.md §4.4, §5.2). It calls no peer service.
 */
export const createAuthService: ReferenceServiceFactory = (deps) => {
  const store = createAuthStore();
  return {
    name: 'auth',
    bindings: [
      { definition: AuthAdminService, implementation: createAdminHandlers(store, deps) },
      { definition: AuthStudentService, implementation: createStudentHandlers(store, deps) },
      { definition: AuthTeacherService, implementation: createTeacherHandlers(store, deps) },
      { definition: AuthParentService, implementation: createParentHandlers(store, deps) },
      {
        definition: AuthEventService,
        implementation: implementEventService(AuthEventService, deps.refreshPeers, deps.logger),
      },
    ],
    async start() {
      if (deps.demoData) await seedAuthDemoData(store, deps.adapters.objectStore);
      if (deps.population) seedBenchAccounts(store, deps.population);
    },
  };
};
