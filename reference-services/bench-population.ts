import { hashPasswordSync } from './auth/passwords';
import { profileKey } from './auth/profiles';
import type { AuthStore } from './auth/store';
import { toKst } from './outing/outing-rules';
import type { OutingStore } from './outing/store';

/**
 * A larger population for load tests (bench/): `size` students, each with OUTINGS_PER_STUDENT past outings, and
 * `size` teachers, on uuids the demo accounts never use (…1000000xxxxx), so a benchmark can rotate a pool of
 * callers whose cached answers are per user (benchmark-plan.md: "every request carries a JWT from a pool of ~100
 * users"). Seeded only when asked for; the demo data stays as design.md §2 has it.
 */
export const OUTINGS_PER_STUDENT = 10;
const DAY_S = 86_400;

const pad = (n: number) => String(1_000_000 + n).padStart(12, '0');
export const benchStudentUuid = (n: number) => `student-${pad(n)}`;
export const benchTeacherUuid = (n: number) => `teacher-${pad(n)}`;

/** One hash for every bench account: bcrypt per account would cost seconds and no benchmark logs in. */
let sharedHash: string | undefined;
const passwordHash = () => (sharedHash ??= hashPasswordSync('bench1234'));

export function seedBenchAccounts(store: AuthStore, size: number): void {
  for (let n = 1; n <= size; n += 1) {
    const uuid = benchStudentUuid(n);
    store.students.set(uuid, {
      uuid,
      studentId: `bench-student-${n}`,
      passwordHash: passwordHash(),
      parentUuid: '',
      grade: 1 + (n % 3),
      group: 1 + (n % 4),
      studentNumber: 1 + (n % 30),
      name: `벤치학생${n}`,
      phoneNumber: `0109${String(n).padStart(7, '0')}`,
      profileUri: profileKey(uuid),
      parentStatus: 'NO_CONN_NO_NOTIFY',
    });
    const teacher = benchTeacherUuid(n);
    store.teachers.set(teacher, {
      uuid: teacher,
      teacherId: `bench-teacher-${n}`,
      passwordHash: passwordHash(),
      certified: true,
      grade: 0,
      group: 0,
      name: `벤치선생${n}`,
      phoneNumber: `0108${String(n).padStart(7, '0')}`,
    });
  }
}

/** Finished outings ("5", arrived) on past days: none blocks a new outing today. */
export function seedBenchOutings(store: OutingStore, size: number, nowMs: number): void {
  const today = Math.floor(nowMs / 1000 / DAY_S) * DAY_S;
  for (let n = 1; n <= size; n += 1) {
    for (let k = 1; k <= OUTINGS_PER_STUDENT; k += 1) {
      const start = today - (k + 10) * DAY_S + 6 * 3600;
      store.save({
        uuid: `outing-${pad(n * 100 + k)}`,
        studentUuid: benchStudentUuid(n),
        status: '5',
        situation: 'NORMAL',
        place: '도서관',
        reason: `벤치마크 외출 ${k}`,
        startKst: toKst(start),
        endKst: toKst(start + 2 * 3600),
        arrivalKst: toKst(start + 3600),
        acceptedTeacher: '',
      });
    }
  }
}
