/**
 * GetClubsSortByUpdateTime and GetRecruitmentsSortByCreateTime: offset paging (Count 0 → 10), newest first,
 * Field/Name substring filters, 200 when empty (legacy-api.md §0.7, §4.3). No demo data, so the lists are ours.
 */
import { ClubLeaderService } from '../../../../grpc-clients/generated/club/club-leader';
import { ClubStudentService } from '../../../../grpc-clients/generated/club/club-student';
import { ADMIN, STUDENT1, startClubKit, type ClubKit } from './club-test-kit';

const MINUTE = 60_000;

describe('club reference service: listings', () => {
  let kit: ClubKit;
  /** Club uuids in creation order. */
  const created: string[] = [];

  beforeAll(async () => {
    kit = await startClubKit({ demoData: false });
  });
  afterAll(() => kit.close());

  const listClubs = (request: { Start?: number; Count?: number; Field?: string; Name?: string }) =>
    kit.harness.call('club', ClubStudentService, 'getClubsSortByUpdateTime', { UUID: STUDENT1, ...request });
  const listRecruitments = (request: { Start?: number; Count?: number; Field?: string; Name?: string }) =>
    kit.harness.call('club', ClubStudentService, 'getRecruitmentsSortByCreateTime', { UUID: STUDENT1, ...request });

  it('answers 200 with no clubs and no recruitments', async () => {
    expect(await listClubs({})).toMatchObject({ Status: 200, Informs: [] });
    expect(await listRecruitments({})).toMatchObject({ Status: 200, Recruitments: [] });
    expect(
      await kit.harness.call('club', ClubStudentService, 'getTotalCountOfClubs', { UUID: STUDENT1 }),
    ).toMatchObject({ Status: 200, Count: 0 });
  });

  it('creates 12 clubs (alternating fields), one minute apart', async () => {
    for (let i = 0; i < 12; i += 1) {
      const { clubUuid } = await kit.createClub({
        Name: `${i % 2 === 0 ? 'Alpha' : 'Beta'} ${String(i).padStart(2, '0')}`,
        Field: i % 2 === 0 ? 'web dev' : 'design',
        Location: `L${i}`,
      });
      created.push(clubUuid);
      kit.harness.clock.advance(MINUTE);
    }
    expect(created).toHaveLength(12);
  });

  it('lists clubs newest first, 10 by default, offset by Start', async () => {
    const newestFirst = [...created].reverse();
    const first = await listClubs({});
    expect(first.Status).toBe(200);
    expect(first.Informs.map((c) => c.ClubUUID)).toEqual(newestFirst.slice(0, 10));
    const rest = await listClubs({ Start: 10 });
    expect(rest.Informs.map((c) => c.ClubUUID)).toEqual(newestFirst.slice(10));
    const page = await listClubs({ Start: 3, Count: 2 });
    expect(page.Informs.map((c) => c.ClubUUID)).toEqual(newestFirst.slice(3, 5));
    expect((await listClubs({ Start: 50 })).Informs).toEqual([]);
  });

  it('filters clubs by Field and Name substrings', async () => {
    const web = await listClubs({ Field: 'web', Count: 20 });
    expect(web.Informs).toHaveLength(6);
    expect(web.Informs.every((c) => c.Field === 'web dev')).toBe(true);
    const beta = await listClubs({ Name: 'eta 0', Count: 20 });
    expect(beta.Informs.map((c) => c.Name)).toEqual(['Beta 09', 'Beta 07', 'Beta 05', 'Beta 03', 'Beta 01']);
    const both = await listClubs({ Field: 'design', Name: 'Alpha' });
    expect(both).toMatchObject({ Status: 200, Informs: [] });
  });

  it('moves a club to the top when its inform is modified (last update time)', async () => {
    const oldest = created[0]!;
    const modified = await kit.harness.call('club', ClubLeaderService, 'modifyClubInform', {
      UUID: ADMIN,
      ClubUUID: oldest,
      Link: 'https://example.com',
    });
    expect(modified.Status).toBe(200);
    const first = await listClubs({ Count: 1 });
    expect(first.Informs.map((c) => [c.ClubUUID, c.Link])).toEqual([[oldest, 'https://example.com']]);
  });

  it('lists current recruitments newest created first, filtered by the club field/name', async () => {
    const register = (clubUuid: string, endPeriod = '') =>
      kit.harness.call('club', ClubLeaderService, 'registerRecruitment', {
        UUID: ADMIN,
        ClubUUID: clubUuid,
        RecruitConcept: 'concept',
        EndPeriod: endPeriod,
        RecruitMembers: [{ Grade: '1', Field: 'backend', Number: '2' }],
      });
    const uuids: string[] = [];
    for (const clubUuid of created.slice(0, 11)) {
      const reply = await register(clubUuid);
      expect(reply.Status).toBe(201);
      uuids.push(reply.RecruitmentUUID);
      kit.harness.clock.advance(MINUTE);
    }
    // One that ends today: still current now, so it is listed (and newest).
    const endsToday = await register(created[11]!, '2026-11-25');
    expect(endsToday.Status).toBe(201);
    uuids.push(endsToday.RecruitmentUUID);

    const newestFirst = [...uuids].reverse();
    const first = await listRecruitments({});
    expect(first.Recruitments.map((r) => r.RecruitmentUUID)).toEqual(newestFirst.slice(0, 10));
    expect((await listRecruitments({ Start: 10, Count: 5 })).Recruitments.map((r) => r.RecruitmentUUID)).toEqual(
      newestFirst.slice(10),
    );
    const design = await listRecruitments({ Field: 'design', Count: 20 });
    expect(design.Recruitments.map((r) => r.ClubUUID).sort()).toEqual(created.filter((_, i) => i % 2 === 1).sort());
    const alpha4 = await listRecruitments({ Name: 'Alpha 04' });
    expect(alpha4.Recruitments.map((r) => r.ClubUUID)).toEqual([created[4]]);
    expect(
      await kit.harness.call('club', ClubStudentService, 'getTotalCountOfCurrentRecruitments', { UUID: ADMIN }),
    ).toMatchObject({ Count: 12 });

    // Past the end of 2026-11-25 (+1 day rule), the one ending "today" is no longer listed or counted.
    kit.harness.clock.set(Date.parse('2026-11-26T00:00:00.001Z'));
    const later = await listRecruitments({ Count: 20 });
    expect(later.Recruitments.map((r) => r.RecruitmentUUID)).toEqual(newestFirst.slice(1));
    expect(
      await kit.harness.call('club', ClubStudentService, 'getTotalCountOfCurrentRecruitments', { UUID: ADMIN }),
    ).toMatchObject({ Count: 11 });
  });
});
