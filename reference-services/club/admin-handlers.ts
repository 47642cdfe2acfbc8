/** ClubAdmin.CreateNewClub (legacy-api.md §1.6 route 29, §5.3). */
import { ClubAdminService, type ClubAdminServer } from '../../grpc-clients/generated/club/club-admin';
import { goConvention } from '../shared/conventions';
import { implementService } from '../shared/implement-service';
import { roleOf } from '../shared/ids';
import { goMessage, goStatus } from '../shared/status';
import { AUTH_CODE_UNKNOWN_STUDENT_UUID, CLUB_CODE } from './codes';
import { logoKey, type ClubServiceContext } from './context';
import { clubUuidFor } from './forced-ids';
import { clubInformProblem, clubModelProblem } from './rules';

const invalidModel = (model: string, field: string) =>
  goStatus(407, goMessage.proxyAuthRequired(`invalid data for ${model} model, err: '${field}' failed validation`));

export function createClubAdminImplementation(context: ClubServiceContext): ClubAdminServer {
  const { store, auth } = context;
  return implementService(
    ClubAdminService,
    goConvention,
    {
      async createNewClub(req, ctx) {
        if (roleOf(req.UUID) !== 'admin') return goStatus(403, goMessage.forbidden('you are not admin'));
        if (!req.MemberUUIDs.includes(req.LeaderUUID)) {
          return goStatus(
            409,
            goMessage.conflict("there is'nt leader uuid in member uuid list"),
            CLUB_CODE.memberUuidsMissLeader,
          );
        }

        const checked = await auth.studentInforms(req.UUID, req.MemberUUIDs, ctx);
        if (!checked.ok) return checked.status;
        const reply = checked.response;
        if (reply.Status === 409 && reply.Code === AUTH_CODE_UNKNOWN_STUDENT_UUID) {
          return goStatus(
            409,
            goMessage.conflict('there is not exist uuid in member uuid list'),
            CLUB_CODE.memberUuidsIncludeUnknown,
          );
        }
        if (reply.Status === 409) {
          return goStatus(500, goMessage.internal(`auth service returns unexpected code, code: ${reply.Code}`));
        }
        if (reply.Status !== 200) {
          return goStatus(reply.Status, `unexpected status returned, message: ${reply.Message}`);
        }

        // The legacy handler wrote the rows one by one in a transaction; the checks keep its order.
        const clubUuid = clubUuidFor(ctx, (id) => store.hasClubUuid(id));
        const clubProblem = clubModelProblem({ uuid: clubUuid, leaderUuid: req.LeaderUUID });
        if (clubProblem) return invalidModel('club', clubProblem);
        if (store.clubLedBy(req.LeaderUUID)) {
          return goStatus(
            409,
            goMessage.conflict(`club with that leader uuid is already exist, entry: ${req.LeaderUUID}`),
            CLUB_CODE.leaderAlreadyLeadsClub,
          );
        }
        if (req.Logo.length === 0) return goStatus(407, goMessage.proxyAuthRequired('Logo attribute cannot be null'));

        const inform = {
          name: req.Name,
          clubConcept: '',
          introduction: '',
          field: req.Field,
          location: req.Location,
          floor: req.Floor,
          link: '',
          logoUri: logoKey(clubUuid),
        };
        const informProblem = clubInformProblem(inform);
        if (informProblem) return invalidModel('club inform', informProblem);
        if (store.clubNamed(req.Name)) {
          return goStatus(
            409,
            goMessage.conflict(`that club name is alreay exist, entry: ${req.Name}`),
            CLUB_CODE.clubNameTaken,
          );
        }
        if (store.clubAt(req.Location)) {
          return goStatus(
            409,
            goMessage.conflict(`that club location is alreay exist, entry: ${req.Location}`),
            CLUB_CODE.clubLocationTaken,
          );
        }
        const duplicate = req.MemberUUIDs.find((uuid, index) => req.MemberUUIDs.indexOf(uuid) !== index);
        if (duplicate !== undefined) {
          return goStatus(
            409,
            goMessage.conflict(`member uuid list include duplicate uuid, entry: ${duplicate}`),
            CLUB_CODE.memberUuidsDuplicate,
          );
        }

        await context.objectStore.put(logoKey(clubUuid), req.Logo);
        store.addClub({
          uuid: clubUuid,
          leaderUuid: req.LeaderUUID,
          memberUuids: [...req.MemberUUIDs],
          ...inform,
          updatedAt: context.clock.now(),
        });
        return { ...goStatus(201, 'new club create success'), ClubUUID: clubUuid };
      },
    },
    context.logger,
  );
}
