import { ScheduleServiceService, type ScheduleServiceServer } from '../../grpc-clients/generated/schedule/schedule';
import { ScheduleEventService } from '../../grpc-clients/generated/schedule/schedule-event';
import { scheduleConvention } from '../shared/conventions';
import { implementEventService } from '../shared/event-service';
import { implementService } from '../shared/implement-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';
import { createCalendarHandlers } from './calendar-handlers';
import { createCalendarStore } from './calendar-store';
import { seedDemoCalendar } from './seed';
import { createTimetableHandlers } from './timetable-handlers';
import { createTimetableStore } from './timetable-store';

/**
 * `DMS.SMS.v1.service.schedule` (legacy Java, proto package `schedule`): the school calendar and the NEIS
 * timetable, fetched once at start-up (legacy-api.md §4.2, §5.5).
 */
export const createScheduleService: ReferenceServiceFactory = (deps) => {
  const calendar = createCalendarStore();
  const timetables = createTimetableStore();
  const scheduleService: ScheduleServiceServer = implementService(
    ScheduleServiceService,
    scheduleConvention,
    { ...createTimetableHandlers(timetables, deps.peers), ...createCalendarHandlers(calendar) },
    deps.logger,
  );
  return {
    name: 'schedule',
    bindings: [
      { definition: ScheduleServiceService, implementation: scheduleService },
      {
        definition: ScheduleEventService,
        implementation: implementEventService(ScheduleEventService, deps.refreshPeers, deps.logger),
      },
    ],
    async start() {
      await timetables.load(deps.adapters.timetable, deps.clock.now());
      if (deps.demoData) seedDemoCalendar(calendar, deps.clock.now());
    },
  };
};
