/**
 * ClubLeader: club and recruitment management (legacy-api.md §1.6 routes 41–48, §5.3). Every RPC first requires
 * a student or admin caller (403 −1711), then, once the club is known, an admin or that club's leader (403 −1712).
 */
import {
  ClubLeaderService,
  type RecruitMember,
  type ClubLeaderServer,
} from '../../grpc-clients/generated/club/club-leader';
import { goConvention } from '../shared/conventions';
import { implementService } from '../shared/implement-service';
import { goMessage, goStatus, type GoStatus } from '../shared/status';
import { CLUB_CODE } from './codes';
import { logoKey, type ClubServiceContext } from './context';
import { recruitmentUuidFor } from './forced-ids';
import { forbidUnlessClubLeader, forbidUnlessLeaderRole } from './guards';
import {
  INTRODUCTION_COLUMN_LENGTH,
  clubInformUpdateProblem,
  isEndBeforeToday,
  parseEndPeriod,
  recruitConceptValid,
  recruitMemberValid,
  runeLength,
  todayDate,
} from './rules';
import type { ClubRecord, RecruitmentRecord } from './store';

const clubNotFound = () => goStatus(404, goMessage.notFound('club with that uuid not exist'), CLUB_CODE.clubNotFound);
const currentRecruitmentNotFound = () =>
  goStatus(
    404,
    goMessage.notFound('recruitment which is in progress not exists'),
    CLUB_CODE.currentRecruitmentNotFound,
  );
const invalidRecruitModel = () => goStatus(407, goMessage.proxyAuthRequired('invalid data for club recruit model'));

const copyMembers = (members: RecruitMember[]) => members.map(({ Grade, Field, Number }) => ({ Grade, Field, Number }));

export function createClubLeaderImplementation(context: ClubServiceContext): ClubLeaderServer {
  const { store, clock, auth } = context;

  /** The shared opening of the club-scoped RPCs: role, club lookup, ownership. */
  const resolveOwnedClub = (callerUuid: string, clubUuid: string): GoStatus | ClubRecord => {
    const notAllowed = forbidUnlessLeaderRole(callerUuid);
    if (notAllowed) return notAllowed;
    const club = store.club(clubUuid);
    if (!club) return clubNotFound();
    return forbidUnlessClubLeader(callerUuid, club) ?? club;
  };

  /** The opening of the recruitment-scoped RPCs: role, current recruitment lookup, ownership of its club. */
  const resolveOwnedRecruitment = (callerUuid: string, recruitmentUuid: string): GoStatus | RecruitmentRecord => {
    const notAllowed = forbidUnlessLeaderRole(callerUuid);
    if (notAllowed) return notAllowed;
    const recruitment = store.currentRecruitmentWithUuid(recruitmentUuid, clock.now());
    if (!recruitment) return currentRecruitmentNotFound();
    const club = store.club(recruitment.clubUuid);
    if (!club)
      return goStatus(500, goMessage.internal('GetClubWithClubUUID returns unexpected error, err: record not found'));
    return forbidUnlessClubLeader(callerUuid, club) ?? recruitment;
  };

  const isStatus = (value: object): value is GoStatus => 'Status' in value;

  return implementService(
    ClubLeaderService,
    goConvention,
    {
      async addClubMember(req, ctx) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        const checked = await auth.studentInform(req.UUID, req.StudentUUID, ctx);
        if (!checked.ok) return checked.status;
        if (checked.response.Status === 404) {
          return goStatus(404, goMessage.notFound('student with that uuid not eixst'), CLUB_CODE.studentNotFound);
        }
        if (checked.response.Status !== 200) {
          return goStatus(
            checked.response.Status,
            `GetStudentInformWithUUID unexpected status returned, message: ${checked.response.Message}`,
          );
        }
        if (club.memberUuids.includes(req.StudentUUID)) {
          return goStatus(
            409,
            goMessage.conflict(`alreay exists as member, entry: ${req.StudentUUID}`),
            CLUB_CODE.memberAlreadyExists,
          );
        }
        // Members live in their own table: adding one does not change the club's "last update" time.
        club.memberUuids.push(req.StudentUUID);
        // QUIRK (legacy-api.md §1.6 route 42): 201, although the gateway expects 200.
        return goStatus(201, 'success to create new club member');
      },

      async deleteClubMember(req) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        const index = club.memberUuids.indexOf(req.StudentUUID);
        if (index < 0) {
          // The legacy message had no "not found (reason: …)" wrapper here.
          return goStatus(404, 'club member with that student uuid not exist', CLUB_CODE.memberNotFound);
        }
        club.memberUuids.splice(index, 1);
        return goStatus(200, 'success delete club member');
      },

      async changeClubLeader(req) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        if (req.NewLeaderUUID === club.leaderUuid) {
          return goStatus(409, 'that student is already club leader', CLUB_CODE.alreadyClubLeader);
        }
        if (!club.memberUuids.includes(req.NewLeaderUUID)) {
          return goStatus(404, goMessage.notFound('member to be club leader is not exists'), CLUB_CODE.memberNotFound);
        }
        if (store.clubLedBy(req.NewLeaderUUID)) {
          return goStatus(
            409,
            goMessage.conflict(`that leader uuid is already other club's leader, entry: ${req.NewLeaderUUID}`),
            CLUB_CODE.newLeaderLeadsOtherClub,
          );
        }
        club.leaderUuid = req.NewLeaderUUID;
        return goStatus(200, 'success change club leader');
      },

      async modifyClubInform(req) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        const update = { clubConcept: req.ClubConcept, introduction: req.Introduction, link: req.Link };
        const problem = clubInformUpdateProblem(update);
        if (problem) {
          return goStatus(
            407,
            goMessage.proxyAuthRequired(`invalid data for club inform model, err: '${problem}' failed validation`),
          );
        }
        if (runeLength(req.Introduction) > INTRODUCTION_COLUMN_LENGTH) {
          // QUIRK (legacy-api.md §6.7): valid for the model, too long for the varchar(100) column.
          return goStatus(
            500,
            goMessage.internal(
              "ModifyClubInform returns unexpected error, err: Error 1406: Data too long for column 'introduction' at row 1",
            ),
          );
        }
        if (req.Logo.length > 0) await context.objectStore.put(logoKey(club.uuid), req.Logo);
        // gorm `Updates` with a struct skips zero values: only non-empty fields change.
        if (req.ClubConcept) club.clubConcept = req.ClubConcept;
        if (req.Introduction) club.introduction = req.Introduction;
        if (req.Link) club.link = req.Link;
        store.touch(club, clock.now());
        return goStatus(200, 'success modify club inform');
      },

      async deleteClubWithUuid(req) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        if (store.currentRecruitmentOf(club.uuid, clock.now())) {
          return goStatus(
            409,
            goMessage.conflict('there is recruitment which is in progress'),
            CLUB_CODE.recruitmentInProgress,
          );
        }
        // Past recruitments and the logo object stay, as in the legacy service (soft delete, no S3 delete).
        store.deleteClub(club.uuid);
        return goStatus(200, 'succeed to delete club');
      },

      async registerRecruitment(req, ctx) {
        const club = resolveOwnedClub(req.UUID, req.ClubUUID);
        if (isStatus(club)) return club;
        const now = clock.now();
        if (store.currentRecruitmentOf(club.uuid, now)) {
          return goStatus(
            409,
            goMessage.conflict('recruitment in progress is already exists'),
            CLUB_CODE.recruitmentAlreadyInProgress,
          );
        }
        const recruitmentUuid = recruitmentUuidFor(ctx, (id) => store.hasRecruitmentUuid(id));
        let endPeriod = '';
        if (req.EndPeriod !== '') {
          const parsed = parseEndPeriod(req.EndPeriod);
          if (parsed === undefined) return goStatus(407, goMessage.proxyAuthRequired('invalid EndPeriod value'));
          endPeriod = parsed;
        }
        if (endPeriod !== '' && isEndBeforeToday(endPeriod, now)) {
          return goStatus(409, goMessage.conflict('end period is older than now'), CLUB_CODE.endPeriodBeforeToday);
        }
        if (!recruitConceptValid(req.RecruitConcept)) return invalidRecruitModel();
        if (req.RecruitMembers.length === 0) {
          return goStatus(407, goMessage.proxyAuthRequired('recruit member list is empty'));
        }
        if (!req.RecruitMembers.every(recruitMemberValid)) return invalidRecruitModel();

        store.addRecruitment({
          uuid: recruitmentUuid,
          clubUuid: club.uuid,
          recruitConcept: req.RecruitConcept,
          members: copyMembers(req.RecruitMembers),
          startPeriod: todayDate(now),
          endPeriod,
          createdAt: now,
        });
        return { ...goStatus(201, 'succeed to register club recruitment'), RecruitmentUUID: recruitmentUuid };
      },

      async modifyRecruitment(req) {
        const recruitment = resolveOwnedRecruitment(req.UUID, req.RecruitmentUUID);
        if (isStatus(recruitment)) return recruitment;
        if (req.RecruitConcept !== '' && !recruitConceptValid(req.RecruitConcept)) return invalidRecruitModel();
        if (!req.RecruitMembers.every(recruitMemberValid)) return invalidRecruitModel();
        if (req.RecruitConcept !== '') recruitment.recruitConcept = req.RecruitConcept;
        // Non-empty members replace the whole list; an empty list leaves it alone.
        if (req.RecruitMembers.length > 0) recruitment.members = copyMembers(req.RecruitMembers);
        return goStatus(200, 'succeed to modify club recruitment');
      },

      async deleteRecruitmentWithUuid(req) {
        const recruitment = resolveOwnedRecruitment(req.UUID, req.RecruitmentUUID);
        if (isStatus(recruitment)) return recruitment;
        store.deleteRecruitment(recruitment.uuid);
        return goStatus(200, 'succeed to delete club recruitment');
      },
    },
    context.logger,
  );
}
