// PLACEHOLDER until the club service lands: serves only the event service.
import { ClubEventService } from '../../grpc-clients/generated/club/club-event';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';

export const createClubService: ReferenceServiceFactory = (deps) => ({
  name: 'club',
  bindings: [
    {
      definition: ClubEventService,
      implementation: implementEventService(ClubEventService, deps.refreshPeers, deps.logger),
    },
  ],
});
