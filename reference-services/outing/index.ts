// PLACEHOLDER until the outing service lands: serves only the event service.
import { OutingEventService } from '../../grpc-clients/generated/outing/outing-event';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';

export const createOutingService: ReferenceServiceFactory = (deps) => ({
  name: 'outing',
  bindings: [
    {
      definition: OutingEventService,
      implementation: implementEventService(OutingEventService, deps.refreshPeers, deps.logger),
    },
  ],
});
