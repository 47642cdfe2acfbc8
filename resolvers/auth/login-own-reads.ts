import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { roleOf } from '../../core/account-ids';
import type { GraphQLContext } from '../../src/context';

const IDENTITY_FIELDS = new Set(['id', 'role', '__typename']);

/** Whether a login reply's `account` selects anything the account id alone cannot answer. */
function selectsAccountFields(info: GraphQLResolveInfo): boolean {
  const accountSelections = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== 'account') return false;
        return (selection.selectionSet?.selections ?? []).some(
          (inner) => inner.kind !== Kind.FIELD || !IDENTITY_FIELDS.has(inner.name.value),
        );
      }
      // A fragment on LoginResult itself: rare enough to just read.
      return true;
    });
  return info.fieldNodes.some((node) => accountSelections(node.selectionSet));
}

/**
 * A login request carries no token, so the services would refuse to show the new account's fields to an anonymous
 * caller. When the reply selects them, the account is read once as itself (the request's `UUID` set explicitly)
 * and the loaders are primed with it. Relationship fields (`Student.parent`, `Parent.children`,
 * `Student.parentStatus`) still need the token.
 */
export async function primeOwnReads(uuid: string, context: GraphQLContext, info: GraphQLResolveInfo): Promise<void> {
  if (!selectsAccountFields(info)) return;
  const { clients, loaders } = context;
  const role = roleOf(uuid);
  if (role === 'student') {
    const reply = await clients.auth.student.getStudentInformsWithUuiDs({ UUID: uuid, StudentUUIDs: [uuid] });
    for (const inform of reply.StudentInforms) loaders.student.prime(inform.StudentUUID, inform);
  } else if (role === 'teacher') {
    loaders.teacher.prime(uuid, await clients.auth.teacher.getTeacherInformWithUuid({ UUID: uuid, TeacherUUID: uuid }));
  } else if (role === 'parent') {
    loaders.parent.prime(uuid, await clients.auth.parent.getParentInformWithUuid({ UUID: uuid, ParentUUID: uuid }));
  }
}
