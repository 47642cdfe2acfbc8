// PLACEHOLDER until the schedule service lands: serves only the event service.
import { ScheduleEventService } from '../../grpc-clients/generated/schedule/schedule-event';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';

export const createScheduleService: ReferenceServiceFactory = (deps) => ({
  name: 'schedule',
  bindings: [
    {
      definition: ScheduleEventService,
      implementation: implementEventService(ScheduleEventService, deps.refreshPeers, deps.logger),
    },
  ],
});
