/**
 * The demo data every reference service seeds on start (design.md §2): fixed uuids so the five services agree
 * with each other, and times relative to "now" so the calendar, recruitment and outings stay current.
 * The README lists these accounts.
 */
import { KST_OFFSET_SECONDS } from './shared/clock';

export const DEMO_ACCOUNTS = {
  admin: { uuid: 'admin-000000000001', id: 'admin', password: 'admin1234' },
  teacher1: {
    uuid: 'teacher-000000000001',
    id: 'teacher1',
    password: 'teacher1234',
    name: '김선생',
    grade: 2,
    group: 1,
    phoneNumber: '01000000101',
    certified: true,
  },
  student1: {
    uuid: 'student-000000000001',
    id: 'student1',
    password: 'student1234',
    name: '홍길동',
    grade: 2,
    group: 1,
    studentNumber: 1,
    phoneNumber: '01000000201',
    parentUuid: 'parent-000000000001',
  },
  student2: {
    uuid: 'student-000000000002',
    id: 'student2',
    password: 'student1234',
    name: '이영희',
    grade: 1,
    group: 3,
    studentNumber: 5,
    phoneNumber: '01000000202',
    parentUuid: '',
  },
  /** Leads the second club, so ownership rules have a leader who is not student1. */
  student3: {
    uuid: 'student-000000000003',
    id: 'student3',
    password: 'student1234',
    name: '박민수',
    grade: 3,
    group: 2,
    studentNumber: 7,
    phoneNumber: '01000000203',
    parentUuid: '',
  },
  parent1: {
    uuid: 'parent-000000000001',
    id: 'parent1',
    password: 'parent1234',
    name: '홍판서',
    phoneNumber: '01000000301',
    children: [{ grade: 2, group: 1, studentNumber: 1, name: '홍길동' }],
  },
} as const;

/** An imported, not yet signed-up student (the auth-code sign-up flow). Its pre-profile image exists. */
export const DEMO_UNSIGNED_STUDENT = {
  authCode: 123456,
  name: '최신입',
  grade: 1,
  group: 1,
  studentNumber: 2,
  phoneNumber: '01000000401',
} as const;

/** A teacher known only to PICK: logging in with PICK creates the local account. */
export const DEMO_PICK_TEACHER = { id: 'pickteacher', password: 'pick1234', teacherName: '정피크' } as const;

export const DEMO_CLUBS = [
  {
    uuid: 'club-000000000001',
    name: 'DMS',
    leaderUuid: DEMO_ACCOUNTS.student1.uuid,
    memberUuids: [DEMO_ACCOUNTS.student1.uuid, DEMO_ACCOUNTS.student2.uuid],
    clubConcept: '학교를 바꾸는 개발 동아리',
    introduction: '기숙사 관리 시스템과 학교 서비스를 만듭니다.',
    field: '개발',
    location: '2층 소프트웨어실',
    floor: '2',
    link: 'https://github.com/DMS-SMS',
  },
  {
    uuid: 'club-000000000002',
    name: 'Entry',
    leaderUuid: DEMO_ACCOUNTS.student3.uuid,
    memberUuids: [DEMO_ACCOUNTS.student3.uuid],
    clubConcept: '디자인 동아리',
    introduction: '학교 굿즈와 포스터를 디자인합니다.',
    field: '디자인',
    location: '3층 디자인실',
    floor: '3',
    link: '',
  },
] as const;

/** DMS has a current, open-ended recruitment; Entry has none. */
export const DEMO_RECRUITMENT = {
  uuid: 'recruitment-000000000001',
  clubUuid: 'club-000000000001',
  recruitConcept: '백엔드 개발자 모집',
  members: [
    { grade: '1', field: '백엔드', number: '2' },
    { grade: '2', field: '프론트엔드', number: '1' },
  ],
  endPeriod: '',
} as const;

const DAY_MS = 86_400_000;

/**
 * Two calendar events in the current month of the school's time zone (KST), the month a reader in Korea (and the
 * README's examples, which ask for this KST month) calls "this month"; unix ms, dates only.
 */
export function demoSchedules(nowMs: number) {
  const now = new Date(nowMs + KST_OFFSET_SECONDS * 1000);
  const monthStart = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  return [
    {
      uuid: 'schedule-0000000000001',
      startDate: monthStart + 4 * DAY_MS,
      endDate: monthStart + 6 * DAY_MS,
      detail: '중간고사',
    },
    {
      uuid: 'schedule-0000000000002',
      startDate: monthStart + 14 * DAY_MS,
      endDate: monthStart + 14 * DAY_MS,
      detail: '체육대회',
    },
  ];
}

/** School and club announcements with targeting (digit sets, legacy-api.md §4.5); `date` in unix ms. */
export function demoAnnouncements(nowMs: number) {
  return [
    {
      uuid: 'announcement-000000000001',
      type: 'school',
      writerUuid: DEMO_ACCOUNTS.teacher1.uuid,
      title: '전체 공지: 기숙사 점호 시간 변경',
      content: { text: '다음 주부터 점호는 21시 30분입니다.' },
      targetGrade: 123,
      targetGroup: 1234,
      clubUuid: '',
      date: nowMs - 3 * DAY_MS,
    },
    {
      uuid: 'announcement-000000000002',
      type: 'school',
      writerUuid: DEMO_ACCOUNTS.teacher1.uuid,
      title: '2학년 1반 공지: 진로 상담',
      content: { text: '이번 주 금요일 진로 상담이 있습니다.' },
      targetGrade: 2,
      targetGroup: 1,
      clubUuid: '',
      date: nowMs - 2 * DAY_MS,
    },
    {
      uuid: 'announcement-000000000003',
      type: 'school',
      writerUuid: DEMO_ACCOUNTS.admin.uuid,
      title: '1학년 공지: 신입생 오리엔테이션',
      content: { text: '1학년은 강당으로 모여 주세요.' },
      targetGrade: 1,
      targetGroup: 1234,
      clubUuid: '',
      date: nowMs - 1 * DAY_MS,
    },
    {
      uuid: 'announcement-000000000004',
      type: 'club',
      writerUuid: DEMO_ACCOUNTS.student1.uuid,
      title: 'DMS 신입 부원 모집',
      content: { text: '백엔드 개발자를 모집합니다.' },
      targetGrade: 123,
      targetGroup: 1234,
      clubUuid: 'club-000000000001',
      date: nowMs - 1 * DAY_MS + 60_000,
    },
  ];
}

/**
 * One outing in each state ("0" … "5", "-1", "-2"), on past days so the demo students can still create an
 * outing today. Times are true unix seconds; the outing service stores them as KST wall-clock.
 */
export function demoOutings(nowMs: number) {
  const todayStartUtc = Math.floor(nowMs / DAY_MS) * DAY_MS;
  const at = (daysAgo: number, hourUtc: number) =>
    Math.floor((todayStartUtc - daysAgo * DAY_MS) / 1000) + hourUtc * 3600;
  const s1 = DEMO_ACCOUNTS.student1.uuid;
  const s2 = DEMO_ACCOUNTS.student2.uuid;
  const outing = (n: number, student: string, status: string, daysAgo: number, extra: Partial<DemoOuting> = {}) => ({
    uuid: `outing-${String(n).padStart(12, '0')}`,
    studentUuid: student,
    status,
    situation: 'NORMAL',
    place: '병원',
    reason: '정기 검진',
    startTime: at(daysAgo, 6),
    endTime: at(daysAgo, 8),
    arrivalTime: 0,
    acceptedTeacher: '',
    confirmCode: '',
    ...extra,
  });
  return [
    outing(1, s1, '0', 1, { confirmCode: 'confirm-000000000001', reason: '부모님 확인 대기' }),
    outing(2, s2, '1', 2, { place: '서점', reason: '교재 구입' }),
    outing(3, s1, '-1', 3, { reason: '부모님 거절' }),
    outing(4, s1, '2', 4, { place: '은행', reason: '통장 발급' }),
    outing(5, s2, '-2', 5, { reason: '선생님 거절' }),
    outing(6, s1, '3', 6, { situation: 'EMERGENCY', place: '약국', reason: '감기약 구입' }),
    outing(7, s2, '4', 7, { arrivalTime: at(7, 9) }),
    outing(8, s1, '5', 8, { arrivalTime: at(8, 7), acceptedTeacher: DEMO_ACCOUNTS.teacher1.uuid }),
  ];
}

export interface DemoOuting {
  uuid: string;
  studentUuid: string;
  status: string;
  situation: string;
  place: string;
  reason: string;
  startTime: number;
  endTime: number;
  arrivalTime: number;
  acceptedTeacher: string;
  confirmCode: string;
}
