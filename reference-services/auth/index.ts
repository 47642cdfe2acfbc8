// PLACEHOLDER until the auth service lands: serves only the event service.
import { AuthEventService } from '../../grpc-clients/generated/auth/auth-event';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';

export const createAuthService: ReferenceServiceFactory = (deps) => ({
  name: 'auth',
  bindings: [
    {
      definition: AuthEventService,
      implementation: implementEventService(AuthEventService, deps.refreshPeers, deps.logger),
    },
  ],
});
