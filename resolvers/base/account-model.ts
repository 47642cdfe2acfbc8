import { roleOf } from '../../core/account-ids';
import type { AccountModel } from './models';

/** The `Account` parent object of an account uuid; the role comes from its prefix. */
export function accountModelOf(uuid: string): AccountModel {
  const role = roleOf(uuid);
  if (!role) throw new Error(`not an account uuid: ${uuid}`);
  return { id: uuid, role: role.toUpperCase() as AccountModel['role'] };
}
