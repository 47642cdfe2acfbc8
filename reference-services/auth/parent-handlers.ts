import { AuthParentService, type AuthParentServer } from '../../grpc-clients/generated/auth/auth-parent';
import { goConvention } from '../shared/conventions';
import { implementService } from '../shared/implement-service';
import type { ReferenceServiceDeps } from '../shared/reference-service';
import { goMessage, goStatus } from '../shared/status';
import { requireAnyAccount, requireSelfOrAdmin } from './access';
import { isEmptyFilter, matchesFilter } from './filters';
import { hashPassword, passwordMatches } from './passwords';
import { findByLoginId, type AuthStore } from './store';
import { toStudentInform } from './student-handlers';

export function createParentHandlers(store: AuthStore, deps: ReferenceServiceDeps): AuthParentServer {
  return implementService(
    AuthParentService,
    goConvention,
    {
      async loginParentAuth(request) {
        const parent = findByLoginId(store.parents, (row) => row.parentId, request.ParentID);
        if (!parent) return goStatus(409, goMessage.conflict('parent id not exists'), -421);
        if (!(await passwordMatches(parent.passwordHash, request.ParentPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -422);
        }
        return { ...goStatus(200, 'succeed to login parent auth'), LoggedInParentUUID: parent.uuid };
      },

      async changeParentPw(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.ParentUUID, 'parent');
        if (forbidden) return forbidden;
        const parent = store.parents.get(request.ParentUUID);
        if (!parent) return goStatus(404, goMessage.notFound(`not exist parent, uuid: ${request.ParentUUID}`));
        if (!(await passwordMatches(parent.passwordHash, request.CurrentPW))) {
          return goStatus(409, goMessage.conflict('mismatched hash and password'), -901);
        }
        parent.passwordHash = await hashPassword(request.RevisionPW);
        // QUIRK (legacy-api.md §6.1): 200, although the gateway expects 201 for this route.
        return goStatus(200, 'parent pw change success');
      },

      async getParentInformWithUuid(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const parent = store.parents.get(request.ParentUUID);
        if (!parent) return goStatus(404, goMessage.notFound(`not exist parent, uuid: ${request.ParentUUID}`));
        return { ...goStatus(200, 'get parent inform success'), Name: parent.name, PhoneNumber: parent.phoneNumber };
      },

      async getParentUuiDsWithInform(request) {
        const forbidden = requireAnyAccount(request.UUID);
        if (forbidden) return forbidden;
        const filter = { name: request.Name, phoneNumber: request.PhoneNumber };
        if (isEmptyFilter(filter)) return goStatus(407, goMessage.proxyAuthRequired('bad request, empty filter'));
        const uuids = [...store.parents.values()]
          .filter((parent) => matchesFilter(filter, { ...parent }))
          .map((p) => p.uuid);
        if (uuids.length === 0) return goStatus(409, goMessage.conflict('no exist parent with that inform'), -521);
        return { ...goStatus(200, 'get parent uuids having that inform success'), ParentUUIDs: uuids };
      },

      async getChildrenInformsWithUuid(request) {
        const forbidden = requireSelfOrAdmin(request.UUID, request.ParentUUID, 'parent');
        if (forbidden) return forbidden;
        const parent = store.parents.get(request.ParentUUID);
        if (!parent) return goStatus(404, goMessage.notFound(`not exist parent, uuid: ${request.ParentUUID}`));
        // Children are the students linked to this parent, whether by a child row or by CreateNewStudent.
        const children = [...store.students.values()]
          .filter((student) => student.parentUuid === parent.uuid)
          .map(toStudentInform);
        return { ...goStatus(200, 'get children informs success'), ChildrenInform: children };
      },
    },
    deps.logger,
  );
}
