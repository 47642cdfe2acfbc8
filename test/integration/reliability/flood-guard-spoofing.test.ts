import fc from 'fast-check';
import { createAccessTokens } from '../../../core/access-tokens';
import { startGatewayHarness, TEST_JWT_SECRET, type GatewayHarness } from '../../helpers/gateway';
import { createRawClient, createTally, propertyOptions, type RawClient } from '../../helpers/reliability';

/**
 * A flooding client cannot dodge the flood guard with forwarding headers: with no trusted proxy every such header
 * is ignored; behind a trusted proxy only the hop the proxy appended counts, whatever the client put before it.
 * Each run floods from a fresh source address (any 127.x.y.z on loopback), so runs do not wait for blocks to end.
 */
const THRESHOLD = 8;
const tally = createTally('flood-guard-spoofing');
const studentToken = createAccessTokens(TEST_JWT_SECRET).sign('student-000000000001').token;

/** The monitor's own address is allowlisted; `10.0.0.0/8` and 203.0.113.7 are what an attacker would claim to be. */
const ALLOWLIST = '127.0.0.1,10.0.0.0/8,203.0.113.7';
const SPOOF_HEADERS = [
  'x-forwarded-for',
  'x-real-ip',
  'forwarded',
  'true-client-ip',
  'cf-connecting-ip',
  'x-client-ip',
  'x-cluster-client-ip',
];

const claimedAddress = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom(
    '127.0.0.1',
    '::1',
    '10.1.2.3',
    '203.0.113.7',
    '::ffff:10.0.0.1',
    '[::1]:80',
    '10.0.0.1:5678',
    'unknown',
    '',
  ),
  fc.string({ unit: 'grapheme-ascii', maxLength: 20 }),
);
const claimedChain = fc.array(claimedAddress, { minLength: 1, maxLength: 4 }).map((hops) => hops.join(', '));
const spoofHeaders = fc
  .array(fc.tuple(fc.constantFrom(...SPOOF_HEADERS), claimedChain), { maxLength: 4 })
  .map((pairs) =>
    Object.fromEntries(pairs.map(([name, value]) => [name, name === 'forwarded' ? `for="${value}"` : value])),
  );

/** Cheap targets of every kind: GraphQL, a legacy route, a probe, an unknown path. */
const TARGETS = [
  { method: 'POST', path: '/graphql', body: JSON.stringify({ query: '{ clubCount }' }), type: 'application/json' },
  { method: 'GET', path: '/v1/clubs/count' },
  { method: 'GET', path: '/healthz' },
  { method: 'GET', path: '/no/such/path' },
];

let nextSource = 0;
/** A loopback address no earlier run used: 127.0.1.1, 127.0.1.2, … */
const freshSource = () => {
  nextSource += 1;
  return `127.0.${1 + Math.floor(nextSource / 250)}.${1 + (nextSource % 250)}`;
};

async function flood(
  gateway: GatewayHarness,
  localAddress: string,
  headersOf: (i: number) => Record<string, string>,
): Promise<number[]> {
  const client = createRawClient(gateway.url, { localAddress });
  try {
    const statuses: number[] = [];
    for (let i = 0; i < THRESHOLD + 4; i += 1) {
      const target = TARGETS[i % TARGETS.length] as (typeof TARGETS)[number];
      tally.add('spoofed requests');
      const answer = await client.send({
        method: target.method,
        path: target.path,
        headers: {
          ...headersOf(i),
          authorization: `Bearer ${studentToken}`,
          ...(target.type ? { 'content-type': target.type } : {}),
        },
        ...(target.body ? { body: target.body } : {}),
      });
      statuses.push(answer.status);
    }
    return statuses;
  } finally {
    client.close();
  }
}

/** THRESHOLD requests served (whatever their own status), then one 429, then 403 IP_BLOCKED. */
const expectTripped = (statuses: number[]) => {
  const served = statuses.slice(0, THRESHOLD);
  expect(served.filter((s) => s === 429 || s === 403)).toEqual([]);
  expect(statuses.slice(THRESHOLD)).toEqual([429, 403, 403, 403]);
};

describe('X-Forwarded-For and friends from an untrusted peer', () => {
  let gateway: GatewayHarness;
  let monitor: RawClient;
  beforeAll(async () => {
    gateway = await startGatewayHarness({
      env: { FLOOD_THRESHOLD: String(THRESHOLD), FLOOD_BLOCK_SECONDS: '60', FLOOD_ALLOWLIST: ALLOWLIST },
    });
    monitor = createRawClient(gateway.url);
  });
  afterAll(async () => {
    monitor.close();
    await gateway.close();
  });

  it('are ignored: the flood from one address is blocked whatever each request claims (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(spoofHeaders, { minLength: THRESHOLD + 4, maxLength: THRESHOLD + 4 }),
        async (claims) => {
          tally.add('flood runs');
          expectTripped(await flood(gateway, freshSource(), (i) => claims[i] ?? {}));
          // The allowlisted monitor is still served: the block is the flooder's alone.
          expect(await monitor.alive()).toBe(true);
        },
      ),
      propertyOptions(15),
    );
  });
});

describe('behind a trusted proxy', () => {
  let gateway: GatewayHarness;
  let monitor: RawClient;
  beforeAll(async () => {
    gateway = await startGatewayHarness({
      env: {
        FLOOD_THRESHOLD: String(THRESHOLD),
        FLOOD_BLOCK_SECONDS: '60',
        FLOOD_ALLOWLIST: ALLOWLIST,
        TRUSTED_PROXIES: '127.0.0.0/8',
      },
    });
    monitor = createRawClient(gateway.url);
  });
  afterAll(async () => {
    monitor.close();
    await gateway.close();
  });

  it('only the hop the proxy appended counts: what the client put before it changes nothing (property)', async () => {
    let client = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(claimedChain, { minLength: THRESHOLD + 4, maxLength: THRESHOLD + 4 }),
        async (claims) => {
          tally.add('flood runs');
          client += 1;
          const real = `198.51.100.${client % 250}`;
          // The proxy appends the address it saw; the client controls everything to its left.
          expectTripped(await flood(gateway, freshSource(), (i) => ({ 'x-forwarded-for': `${claims[i]}, ${real}` })));
          // Another client behind the same proxy is still served.
          const other = await monitor.send({
            path: '/healthz',
            headers: { 'x-forwarded-for': `198.51.101.${client % 250}` },
          });
          expect(other.status).toBe(200);
        },
      ),
      propertyOptions(15),
    );
  });
});

afterAll(() => tally.flush());
