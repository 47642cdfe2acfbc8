import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

/**
 * The object types with a natural key carry a stable `id`, so a client cache (Apollo's InMemoryCache) keeps each as
 * an object of its own instead of overwriting it where it is embedded (docs/graphql-api.md, "Client caches").
 * The reference clock is 2026-11-25 (KST and UTC).
 */
describe('stable ids of the types with a natural key', () => {
  let gateway: GatewayHarness;
  let student1: string;
  let student2: string;
  let teacher: string;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    student1 = await gateway.login('student', 'student1', 'student1234');
    student2 = await gateway.login('student', 'student2', 'student1234');
    teacher = await gateway.login('teacher', 'teacher1', 'teacher1234');
  });
  afterAll(() => gateway.close());

  const data = async <T>(query: string, token?: string): Promise<T> => {
    const res = await gateway.graphql<T>(query, {}, { token });
    expect(res.body.errors).toBeUndefined();
    return res.body.data as T;
  };

  it('TimetableDay: the student and the date, the same on every read, different for another student', async () => {
    const query = '{ timetable(date: "2026-11-25", days: 2) { id date } }';
    type Days = { timetable: Array<{ id: string; date: string }> };
    const first = await data<Days>(query, student1);
    expect(first.timetable).toEqual([
      { id: 'student-000000000001:2026-11-25', date: '2026-11-25' },
      { id: 'student-000000000001:2026-11-26', date: '2026-11-26' },
    ]);
    expect(await data<Days>('{ timetable(date: "2026-11-26") { id date } }', student1)).toEqual({
      timetable: [first.timetable[1]],
    });
    const other = await data<Days>(query, student2);
    expect(other.timetable.map((d) => d.id)).toEqual([
      'student-000000000002:2026-11-25',
      'student-000000000002:2026-11-26',
    ]);
  });

  it('AnnouncementPage: whose list, which list and page, and a search’s text', async () => {
    type Pages = Record<string, { id: string }>;
    const pages = await data<Pages>(
      `{
        school: announcements(type: SCHOOL) { id }
        club: announcements(type: CLUB, page: 1, size: 5) { id }
        search: searchAnnouncements(type: SCHOOL, query: "공지: 진로") { id }
        byWriter: announcementsByWriter(writerId: "teacher-000000000001", size: 3) { id }
      }`,
      student1,
    );
    expect(pages).toEqual({
      school: { id: 'student-000000000001:announcements:SCHOOL:0:10' },
      club: { id: 'student-000000000001:announcements:CLUB:1:5' },
      search: { id: 'student-000000000001:search:SCHOOL:0:10:공지: 진로' },
      byWriter: { id: 'student-000000000001:writer:teacher-000000000001:0:3' },
    });
    // Another account's page of the same list is another object (its rows and read flags are its own).
    expect(await data<Pages>('{ school: announcements(type: SCHOOL) { id } }', teacher)).toEqual({
      school: { id: 'teacher-000000000001:announcements:SCHOOL:0:10' },
    });
  });

  it('UnreadAnnouncements: the student’s id', async () => {
    expect(await data('{ unreadAnnouncements { id } }', student2)).toEqual({
      unreadAnnouncements: { id: 'student-000000000002' },
    });
  });

  it('HomeroomClass: the school year and class', async () => {
    expect(
      await data('{ teacher(id: "teacher-000000000001") { homeroom { id grade classNumber } } }', student1),
    ).toEqual({ teacher: { homeroom: { id: '2-1', grade: 2, classNumber: 1 } } });
  });

  it('UnsignedStudent: the sign-up code', async () => {
    expect(await data('{ unsignedStudent(authCode: 123456) { id authCode } }')).toEqual({
      unsignedStudent: { id: '123456', authCode: 123456 },
    });
  });
});
