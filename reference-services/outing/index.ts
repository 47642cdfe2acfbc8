import { seedBenchOutings } from '../bench-population';
import { OutingEventService } from '../../grpc-clients/generated/outing/outing-event';
import { OutingParentsService } from '../../grpc-clients/generated/outing/outing-parents';
import { OutingStudentService } from '../../grpc-clients/generated/outing/outing-student';
import { OutingTeacherService } from '../../grpc-clients/generated/outing/outing-teacher';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';
import type { OutingDeps } from './outing-deps';
import { createParentsHandlers } from './parents-handlers';
import { createPeerLookups } from './peer-lookups';
import { seedDemoOutings } from './seed';
import { createOutingStore } from './store';
import { createStudentHandlers } from './student-handlers';
import { createTeacherHandlers } from './teacher-handlers';

/**
 * The outing service (`DMS.SMS.v1.service.outing`, legacy Python, protos without a package): the outing workflow
 * of legacy-api.md §4.1 over an in-memory store, with role checks and profiles read from auth and club over gRPC.
 */
export const createOutingService: ReferenceServiceFactory = (deps) => {
  const outingDeps: OutingDeps = {
    store: createOutingStore(),
    lookups: createPeerLookups(deps.peers),
    clock: deps.clock,
    sms: deps.adapters.sms,
    pick: deps.adapters.pick,
    logger: deps.logger,
  };
  return {
    name: 'outing',
    bindings: [
      { definition: OutingStudentService, implementation: createStudentHandlers(outingDeps) },
      { definition: OutingTeacherService, implementation: createTeacherHandlers(outingDeps) },
      { definition: OutingParentsService, implementation: createParentsHandlers(outingDeps) },
      {
        definition: OutingEventService,
        implementation: implementEventService(OutingEventService, deps.refreshPeers, deps.logger),
      },
    ],
    async start() {
      if (deps.demoData) seedDemoOutings(outingDeps.store, deps.clock.now());
      if (deps.population) seedBenchOutings(outingDeps.store, deps.population, deps.clock.now());
    },
  };
};
