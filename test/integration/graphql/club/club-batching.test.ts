import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { ADMIN, STUDENT1, createClubDirectly, createStudents, tokenOf } from './club-test-kit';

interface Person {
  id: string;
  name: string;
}

/**
 * Issue #4's batching check: listing 20 clubs with their leaders' and members' names makes one club-list call and
 * one batched student call, counted at the reference services.
 */
describe('GraphQL clubs: batching', () => {
  let gateway: GatewayHarness;
  const names = new Map<string, string>();

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    const leaders = await createStudents(gateway, 20, { grade: 3, group: 4, prefix: 'leader' });
    const members = await createStudents(gateway, 20, { grade: 3, group: 3, prefix: 'member' });
    for (const s of [...leaders, ...members]) names.set(s.uuid, s.name);
    names.set(STUDENT1, '홍길동');
    for (const [index, leader] of leaders.entries()) {
      // Each club: its own leader, its own member, and student1, who is in every club (deduplicated per request).
      await createClubDirectly(gateway, {
        name: `배치${index}`,
        leaderId: leader.uuid,
        memberIds: [leader.uuid, (members[index] as { uuid: string }).uuid, STUDENT1],
        location: `배치실${index}`,
      });
    }
  });
  afterAll(() => gateway.close());

  it('lists 20 clubs with leader and member names in one club call and one student call', async () => {
    gateway.services.services.resetCallCounts();
    const res = await gateway.graphql<{
      clubs: Array<{ id: string; name: string; leader: Person; members: Person[] }>;
    }>(operation('club/clubs-with-people'), { limit: 20 }, { token: tokenOf(ADMIN) });

    expect(res.body.errors).toBeUndefined();
    const clubs = res.body.data?.clubs ?? [];
    expect(clubs).toHaveLength(20);
    for (const club of clubs) {
      expect(club.leader.name).toBe(names.get(club.leader.id));
      expect(club.members).toHaveLength(3);
      for (const member of club.members) expect(member.name).toBe(names.get(member.id));
    }
    expect(gateway.services.services.callCounts()).toEqual({
      '/club.admin.ClubStudent/GetClubsSortByUpdateTime': 1,
      '/auth.student.AuthStudent/GetStudentInformsWithUUIDs': 1,
    });
  });
});
