// PLACEHOLDER until the announcement service lands: serves only the event service.
import { AnnouncementEventService } from '../../grpc-clients/generated/announcement/announcement-event';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';

export const createAnnouncementService: ReferenceServiceFactory = (deps) => ({
  name: 'announcement',
  bindings: [
    {
      definition: AnnouncementEventService,
      implementation: implementEventService(AnnouncementEventService, deps.refreshPeers, deps.logger),
    },
  ],
});
