import type { Role } from '../generated/resolvers-types';

/** What an `Account` resolves from: its id and role; each concrete type loads the rest by id. */
export interface AccountModel {
  id: string;
  role: Role;
}
