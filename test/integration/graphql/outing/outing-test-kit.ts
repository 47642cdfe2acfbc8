import { createAccessTokens } from '../../../../core/access-tokens';
import { TEST_JWT_SECRET, type GraphQLResponse } from '../../../helpers/gateway';

/** Demo account uuids (reference-services/demo-data.ts); tokens are signed as the gateway signs them on login. */
export const STUDENT1 = 'student-000000000001';
export const STUDENT2 = 'student-000000000002';
export const STUDENT3 = 'student-000000000003';
export const TEACHER1 = 'teacher-000000000001';
export const PARENT1 = 'parent-000000000001';

const tokens = createAccessTokens(TEST_JWT_SECRET);

export function tokenOf(uuid: string): string {
  return tokens.sign(uuid).token;
}

/** The seeded demo outings: `outing-00000000000n`, one per status (demo-data.ts `demoOutings`). */
export function seeded(n: number): string {
  return `outing-${String(n).padStart(12, '0')}`;
}

/** The reference clock's "now": 2026-11-25T01:00:00Z, 10:00 KST on a Wednesday. */
export const NOW_MS = Date.parse('2026-11-25T01:00:00Z');
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** An instant relative to the reference clock, as a `DateTime` variable. */
export function at(offsetMs: number): string {
  return new Date(NOW_MS + offsetMs).toISOString();
}

/** A seeded outing's start: `daysAgo` days before today (UTC) at 06:00 UTC. */
export function seededStart(daysAgo: number): string {
  return new Date(Math.floor(NOW_MS / DAY_MS) * DAY_MS - daysAgo * DAY_MS + 6 * HOUR_MS).toISOString();
}

/** The single field error of a failed operation: data null, extensions with the code (and legacy code). */
export function expectFieldError(res: GraphQLResponse, code: string, legacyCode?: number): void {
  expect(res.status).toBe(200);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors).toHaveLength(1);
  const extensions = res.body.errors?.[0]?.extensions ?? {};
  expect(extensions.code).toBe(code);
  if (legacyCode === undefined) expect(extensions.legacyCode).toBeUndefined();
  else expect(extensions.legacyCode).toBe(legacyCode);
}
