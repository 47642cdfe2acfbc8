/**
 * The club reference service (`DMS.SMS.v1.service.club`, Go/go-micro in the legacy system): ClubAdmin,
 * ClubStudent, ClubLeader and the ClubEvent service, over an in-memory store. Calls auth over gRPC.
 */
import { ClubEventService } from '../../grpc-clients/generated/club/club-event';
import { ClubAdminService } from '../../grpc-clients/generated/club/club-admin';
import { ClubLeaderService } from '../../grpc-clients/generated/club/club-leader';
import { ClubStudentService } from '../../grpc-clients/generated/club/club-student';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';
import { createClubAdminImplementation } from './admin-handlers';
import { createAuthPeer } from './auth-peer';
import type { ClubServiceContext } from './context';
import { createClubLeaderImplementation } from './leader-handlers';
import { seedClubDemoData } from './seed';
import { ClubStore } from './store';
import { createClubStudentImplementation } from './student-handlers';

export const createClubService: ReferenceServiceFactory = (deps) => {
  const context: ClubServiceContext = {
    store: new ClubStore(),
    clock: deps.clock,
    auth: createAuthPeer(deps.peers),
    objectStore: deps.adapters.objectStore,
    logger: deps.logger,
  };
  return {
    name: 'club',
    bindings: [
      { definition: ClubAdminService, implementation: createClubAdminImplementation(context) },
      { definition: ClubStudentService, implementation: createClubStudentImplementation(context) },
      { definition: ClubLeaderService, implementation: createClubLeaderImplementation(context) },
      {
        definition: ClubEventService,
        implementation: implementEventService(ClubEventService, deps.refreshPeers, deps.logger),
      },
    ],
    async start() {
      if (deps.demoData) await seedClubDemoData(context.store, context.objectStore, deps.clock.now());
    },
  };
};
