import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';
import { httpRequest } from '../../helpers/http-request';
import {
  liveClient,
  waitForSubscriptions,
  type ExecutionResult,
  type LiveClient,
  type LiveSubscription,
} from '../../helpers/live-client';
import { PARENT1, STUDENT1, STUDENT2, STUDENT3, TEACHER1, tokenOf } from '../graphql/outing/outing-test-kit';

const ROW = 'id number type title writerName views isRead writer { id }';
const PUBLISHED = `subscription ($type: AnnouncementType) { announcementPublished(type: $type) { ${ROW} } }`;
const LIST = `query ($type: AnnouncementType!) { announcements(type: $type, size: 5) { items { ${ROW} } } }`;
const CREATE = 'mutation ($input: CreateAnnouncementInput!) { createAnnouncement(input: $input) }';

/**
 * `announcementPublished` reaches exactly the accounts whose own `announcements` list shows the new announcement
 * (students by grade and class for SCHOOL ones, everyone for CLUB ones and for other roles), with the row that
 * list shows them; written over GraphQL or the legacy REST route alike.
 */
describe('live updates: announcements', () => {
  let gateway: GatewayHarness;
  const clients: LiveClient[] = [];
  const accounts = { student1: STUDENT1, student2: STUDENT2, student3: STUDENT3, parent1: PARENT1, teacher1: TEACHER1 };
  type Account = keyof typeof accounts;
  let subscriptions: Record<Account, LiveSubscription>;
  let clubOnly: LiveSubscription;

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    const open = (uuid: string) => {
      const client = liveClient(gateway.url, tokenOf(uuid));
      clients.push(client);
      return client;
    };
    subscriptions = Object.fromEntries(
      Object.entries(accounts).map(([name, uuid]) => [name, open(uuid).subscribe(PUBLISHED)]),
    ) as Record<Account, LiveSubscription>;
    clubOnly = open(STUDENT2).subscribe(PUBLISHED, { type: 'CLUB' });
    await waitForSubscriptions(gateway.url, 'announcementPublished', 6);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await gateway.close();
  });

  /** The first row of the account's own list of `type`, which the newest announcement tops. */
  const listedFor = async (account: Account, type: string) => {
    const res = await gateway.graphql<{ announcements: { items: Array<{ id: string }> } }>(
      LIST,
      { type },
      { token: tokenOf(accounts[account]) },
    );
    return res.body.data?.announcements.items[0];
  };

  /** Each account's event, or undefined when none came; every account's list is asked too. */
  const outcome = async (id: string, type: string) => {
    const seen: Partial<Record<Account, ExecutionResult>> = {};
    for (const account of Object.keys(accounts) as Account[]) {
      const listed = await listedFor(account, type);
      const gets = listed?.id === id;
      if (gets) {
        seen[account] = await subscriptions[account].next(1000);
        // The event is the row the account's own list shows.
        expect(seen[account]).toEqual({ data: { announcementPublished: listed } });
      }
    }
    // Those whose list does not show it get nothing (checked last: by now the others' events have all come).
    for (const account of Object.keys(accounts) as Account[]) {
      if (!seen[account]) await subscriptions[account].expectNothingWithin(100);
    }
    return Object.keys(seen).sort();
  };

  it('a SCHOOL announcement for grade 2 class 1 reaches student1 (2-1), the teacher and the parent only', async () => {
    const res = await gateway.graphql<{ createAnnouncement: string }>(
      CREATE,
      {
        input: {
          type: 'SCHOOL',
          title: '2학년 1반 공지',
          content: { text: '내일 소풍' },
          targetGrades: [2],
          targetClasses: [1],
        },
      },
      { token: tokenOf(TEACHER1) },
    );
    const id = res.body.data?.createAnnouncement as string;
    expect(await outcome(id, 'SCHOOL')).toEqual(['parent1', 'student1', 'teacher1']);
    await clubOnly.expectNothingWithin(100);
  });

  it('a SCHOOL announcement for grades 1 and 3, classes 2 and 3 reaches student2 (1-3) and student3 (3-2)', async () => {
    const res = await gateway.graphql<{ createAnnouncement: string }>(
      CREATE,
      {
        input: { type: 'SCHOOL', title: '1·3학년 공지', content: {}, targetGrades: [1, 3], targetClasses: [2, 3] },
      },
      { token: tokenOf(TEACHER1) },
    );
    const id = res.body.data?.createAnnouncement as string;
    expect(await outcome(id, 'SCHOOL')).toEqual(['parent1', 'student2', 'student3', 'teacher1']);
  });

  it("a club leader's CLUB announcement over the legacy REST route reaches everyone, the CLUB-only subscription too", async () => {
    const res = await httpRequest(gateway.url.replace('/graphql', '/v1/announcements'), {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(STUDENT1)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'club', title: 'DMS 모집', content: '{"text":"신입 모집"}' }),
    });
    expect(res.status).toBe(201);
    const id = (JSON.parse(res.text) as { announcement_uuid: string }).announcement_uuid;
    expect(await outcome(id, 'CLUB')).toEqual(['parent1', 'student1', 'student2', 'student3', 'teacher1']);
    expect(await clubOnly.next(1000)).toMatchObject({ data: { announcementPublished: { id, type: 'CLUB' } } });
  });
});
