import {
  AnnouncementServiceService,
  type AnnouncementServiceServer,
} from '../../grpc-clients/generated/announcement/announcement';
import type { Logger } from '../../core/logger';
import { announcementConvention } from '../shared/conventions';
import { implementService, type CallContext } from '../shared/implement-service';
import { replyWithError } from './errors';
import {
  checkAnnouncement,
  getAnnouncementDetail,
  getAnnouncements,
  getMyAnnouncements,
  searchAnnouncements,
} from './read-rpcs';
import type { AnnouncementServiceState } from './service-state';
import { createAnnouncement, deleteAnnouncement, updateAnnouncement } from './write-rpcs';

type Rpc<Req, Res> = (state: AnnouncementServiceState, request: Req, ctx: CallContext) => Promise<Res>;

/** Business failures become the in-message {status, −1000, msg}; anything else reaches implementService's 500. */
function handle<Req, Res>(state: AnnouncementServiceState, rpc: Rpc<Req, Res>) {
  return (request: Req, ctx: CallContext) => rpc(state, request, ctx).catch(replyWithError);
}

/** `announcement.AnnouncementService`: the eight RPCs of legacy-api.md §5.6. */
export function createAnnouncementHandlers(state: AnnouncementServiceState, logger: Logger): AnnouncementServiceServer {
  return implementService(
    AnnouncementServiceService,
    announcementConvention,
    {
      getAnnouncements: handle(state, getAnnouncements),
      getAnnouncementDetail: handle(state, getAnnouncementDetail),
      createAnnouncement: handle(state, createAnnouncement),
      updateAnnouncement: handle(state, updateAnnouncement),
      deleteAnnouncement: handle(state, deleteAnnouncement),
      checkAnnouncement: handle(state, checkAnnouncement),
      searchAnnouncements: handle(state, searchAnnouncements),
      getMyAnnouncements: handle(state, getMyAnnouncements),
    },
    logger,
  );
}
