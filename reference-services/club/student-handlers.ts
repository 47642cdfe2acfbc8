/**
 * ClubStudent (proto package `club.admin`, a legacy quirk): the read RPCs (legacy-api.md §1.6 routes 30–40,
 * §5.3). Students and admins may call them; GetClubInformsWithUUIDs and GetClubUUIDsWithFloor also allow teachers.
 */
import { ClubStudentService, type ClubStudentServer } from '../../grpc-clients/generated/club/club-student';
import { goConvention } from '../shared/conventions';
import { implementService } from '../shared/implement-service';
import { goMessage, goStatus } from '../shared/status';
import { CLUB_CODE } from './codes';
import { toClubInform, toRecruitmentInform, type ClubServiceContext } from './context';
import { STUDENT_OR_ADMIN, STUDENT_TEACHER_OR_ADMIN, forbidUnlessRole } from './guards';

/** `Count` 0 means the default page size (legacy-api.md §0.7). */
const DEFAULT_COUNT = 10;

export function createClubStudentImplementation(context: ClubServiceContext): ClubStudentServer {
  const { store, clock } = context;
  const notFoundClub = () => goStatus(404, goMessage.notFound('that club uuid is not exist'));

  return implementService(
    ClubStudentService,
    goConvention,
    {
      async getClubsSortByUpdateTime(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        const clubs = store.clubsByUpdateTime({
          start: req.Start,
          count: req.Count || DEFAULT_COUNT,
          field: req.Field,
          name: req.Name,
        });
        if (clubs.length === 0) return goStatus(200, 'get clubs success (result not exist)');
        return { ...goStatus(200, 'get clubs success'), Informs: clubs.map(toClubInform) };
      },

      async getRecruitmentsSortByCreateTime(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        const recruitments = store.currentRecruitmentsByCreateTime(
          { start: req.Start, count: req.Count || DEFAULT_COUNT, field: req.Field, name: req.Name },
          clock.now(),
        );
        if (recruitments.length === 0) return goStatus(200, 'get recruitments success (result not exist)');
        return {
          ...goStatus(200, `get recruitments success (len: ${recruitments.length})`),
          Recruitments: recruitments.map(toRecruitmentInform),
        };
      },

      async getClubInformWithUuid(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        const club = store.club(req.ClubUUID);
        if (!club) return notFoundClub();
        return { ...goStatus(200, 'get club inform success'), ...toClubInform(club) };
      },

      async getClubInformsWithUuiDs(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_TEACHER_OR_ADMIN);
        if (forbidden) return forbidden;
        const clubs = req.ClubUUIDs.map((uuid) => store.club(uuid));
        if (clubs.some((club) => club === undefined)) {
          return goStatus(404, goMessage.notFound('club uuid list include not exist uuid'));
        }
        return {
          ...goStatus(200, 'get club informs success'),
          Informs: clubs.map((club) => toClubInform(club!)),
        };
      },

      async getRecruitmentInformWithUuid(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        // Any recruitment, current or not: the legacy query had no "current" filter here.
        const recruitment = store.recruitment(req.RecruitmentUUID);
        if (!recruitment) return goStatus(404, goMessage.notFound('that recruitment uuid is not exist'));
        const inform = toRecruitmentInform(recruitment);
        return { ...goStatus(200, 'get recruitment inform success'), ...inform };
      },

      async getRecruitmentUuidWithClubUuid(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        if (!store.club(req.ClubUUID)) return notFoundClub();
        const recruitment = store.currentRecruitmentOf(req.ClubUUID, clock.now());
        if (!recruitment) {
          return goStatus(
            409,
            goMessage.conflict('no recruitment is currently in progress with that club uuid'),
            CLUB_CODE.noCurrentRecruitment,
          );
        }
        return { ...goStatus(200, 'get recruitment in progress success'), RecruitmentUUID: recruitment.uuid };
      },

      async getRecruitmentUuiDsWithClubUuiDs(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        if (req.ClubUUIDs.some((uuid) => !store.club(uuid))) {
          return goStatus(404, goMessage.notFound('club uuid list include not exist club'));
        }
        const now = clock.now();
        // QUIRK (legacy behaviour): positional, with "" for a club that has no current recruitment.
        return {
          ...goStatus(200, 'get recruitment list in progress success'),
          RecruitmentUUIDs: req.ClubUUIDs.map((uuid) => store.currentRecruitmentOf(uuid, now)?.uuid ?? ''),
        };
      },

      async getAllClubFields(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        const fields = [...new Set(store.allClubs().map((club) => club.field))];
        return { ...goStatus(200, 'get all club field success'), Fields: fields };
      },

      async getTotalCountOfClubs(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        return { ...goStatus(200, 'get total count of club success'), Count: store.allClubs().length };
      },

      async getTotalCountOfCurrentRecruitments(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        return {
          ...goStatus(200, 'get total count of current recruitment success'),
          Count: store.currentRecruitments(clock.now()).length,
        };
      },

      async getClubUuidWithLeaderUuid(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_OR_ADMIN);
        if (forbidden) return forbidden;
        const club = store.clubLedBy(req.LeaderUUID);
        if (!club) {
          return goStatus(
            409,
            goMessage.conflict('that student is not a leader of any club'),
            CLUB_CODE.notLeaderOfAnyClub,
          );
        }
        return { ...goStatus(200, 'get club uuid with leader uuid success'), ClubUUID: club.uuid };
      },

      async getClubUuiDsWithFloor(req) {
        const forbidden = forbidUnlessRole(req.UUID, STUDENT_TEACHER_OR_ADMIN);
        if (forbidden) return forbidden;
        // An unknown floor is not an error: the query simply matches no club (inferred).
        const uuids = store
          .allClubs()
          .filter((club) => club.floor === req.floor)
          .map((club) => club.uuid);
        return { ...goStatus(200, 'get club uuids with floor success'), ClubUUIDs: uuids };
      },
    },
    context.logger,
  );
}
