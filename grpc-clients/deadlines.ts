/** Request deadline per RPC (legacy-api.md §2.1): 3 s, except the three calls that carry uploads. */
export const DEFAULT_DEADLINE_MS = 3000;

const DEADLINE_EXCEPTIONS_MS: Readonly<Record<string, number>> = {
  CreateNewStudent: 6000,
  ModifyClubInform: 6000,
  CreateNewClub: 7000,
};

/** The deadline for a wire path such as `/auth.admin.AuthAdmin/CreateNewStudent`. */
export function deadlineFor(path: string): number {
  const rpc = path.slice(path.lastIndexOf('/') + 1);
  return DEADLINE_EXCEPTIONS_MS[rpc] ?? DEFAULT_DEADLINE_MS;
}
