/** DSM PICK, the school's attendance system: teacher login and outing absences (legacy-api.md §4.1, §4.4). */
export type PickLoginResult =
  { outcome: 'ok'; teacherName: string } | { outcome: 'rejected' } | { outcome: 'unreachable' };

export interface PickAbsence {
  studentUuid: string;
  kind: '외출';
  /** Class periods (8, 9, 10) the outing covers. */
  periods: number[];
  date: string;
}

export interface PickClient {
  login(teacherId: string, password: string): Promise<PickLoginResult>;
  recordAbsence(absence: PickAbsence): Promise<void>;
}

/** In-memory twin: a fixed set of PICK teacher accounts and a log of recorded absences. */
export function createMemoryPickClient(
  accounts: Record<string, { password: string; teacherName: string }> = {},
): PickClient & { absences: PickAbsence[]; setReachable(reachable: boolean): void } {
  let reachable = true;
  const absences: PickAbsence[] = [];
  return {
    absences,
    setReachable(value) {
      reachable = value;
    },
    async login(teacherId, password) {
      if (!reachable) return { outcome: 'unreachable' };
      const account = accounts[teacherId];
      if (!account || account.password !== password) return { outcome: 'rejected' };
      return { outcome: 'ok', teacherName: account.teacherName };
    },
    async recordAbsence(absence) {
      absences.push(absence);
    },
  };
}
