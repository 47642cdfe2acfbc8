import { AnnouncementEventService } from '../../grpc-clients/generated/announcement/announcement-event';
import { AnnouncementServiceService } from '../../grpc-clients/generated/announcement/announcement';
import { implementEventService } from '../shared/event-service';
import type { ReferenceServiceFactory } from '../shared/reference-service';
import { createAnnouncementHandlers } from './announcement-handlers';
import { createPeerLookups } from './peer-lookups';
import { seedAnnouncements } from './seed';
import { createAnnouncementStore } from './store';

/** The legacy Kotlin announcement service (legacy-api.md §4.5, §5.6) with an in-memory store. */
export const createAnnouncementService: ReferenceServiceFactory = (deps) => {
  const store = createAnnouncementStore();
  const state = { store, lookups: createPeerLookups(deps.peers), now: () => deps.clock.now() };
  return {
    name: 'announcement',
    bindings: [
      { definition: AnnouncementServiceService, implementation: createAnnouncementHandlers(state, deps.logger) },
      {
        definition: AnnouncementEventService,
        implementation: implementEventService(AnnouncementEventService, deps.refreshPeers, deps.logger),
      },
    ],
    async start() {
      if (deps.demoData) seedAnnouncements(store, deps.clock.now());
    },
  };
};
