import { operation, type GatewayHarness } from '../../../helpers/gateway';

export type DemoRole = 'admin' | 'teacher' | 'student1' | 'student2' | 'student3' | 'parent';
export type Tokens = Record<DemoRole, string>;

export interface PreviewRow {
  id: string;
  number: number;
  type: 'SCHOOL' | 'CLUB';
  title: string;
  writerName: string;
  writer: { id: string } | null;
  date: string;
  views: number;
  isRead: boolean | null;
}

export interface Page {
  total: number;
  items: PreviewRow[];
}

/** The demo announcements (reference-services/demo-data.ts): targets and writers the tests rely on. */
export const DEMO = {
  /** School, teacher1, every grade and class, 3 days ago. */
  all: 'announcement-000000000001',
  /** School, teacher1, grade 2 class 1 only (student1's class), 2 days ago. */
  class21: 'announcement-000000000002',
  /** School, admin, grade 1 every class (student2's grade), 1 day ago. */
  grade1: 'announcement-000000000003',
  /** Club, written by student1 as the DMS leader. */
  club: 'announcement-000000000004',
} as const;

/** Logs in every demo account once (README: admin, teacher1, student1–3, parent1). */
export async function loginDemoAccounts(gateway: GatewayHarness): Promise<Tokens> {
  return {
    admin: await gateway.login('admin', 'admin', 'admin1234'),
    teacher: await gateway.login('teacher', 'teacher1', 'teacher1234'),
    student1: await gateway.login('student', 'student1', 'student1234'),
    student2: await gateway.login('student', 'student2', 'student1234'),
    student3: await gateway.login('student', 'student3', 'student1234'),
    parent: await gateway.login('parent', 'parent1', 'parent1234'),
  };
}

/** One page of `announcements`, failing the test on any GraphQL error. */
export async function listPage(
  gateway: GatewayHarness,
  token: string,
  variables: { type: 'SCHOOL' | 'CLUB'; page?: number; size?: number },
): Promise<Page> {
  const res = await gateway.graphql<{ announcements: Page }>(operation('announcement/announcements'), variables, {
    token,
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data?.announcements as Page;
}
