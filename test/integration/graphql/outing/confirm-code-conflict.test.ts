import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { TEACHER1, expectFieldError, seeded, tokenOf } from './outing-test-kit';

/**
 * A confirm code whose outing is no longer waiting for the parent: a teacher certifies outing 1 (certify skips the
 * status check, legacy-api.md §6.6), and both parent decisions answer CONFLICT −2103 while the code stays valid.
 */
describe('GraphQL outings: confirm-code decisions on a decided outing', () => {
  let gateway: GatewayHarness;
  const code = 'confirm-000000000001';

  beforeAll(async () => {
    gateway = await startGatewayHarness();
    const certified = await gateway.graphql(
      operation('outing/certify-outing'),
      { id: seeded(1) },
      { token: tokenOf(TEACHER1) },
    );
    expect(certified.body.errors).toBeUndefined();
  });
  afterAll(() => gateway.close());

  it.each([['approve-outing-by-confirm-code'], ['reject-outing-by-confirm-code']])(
    '%s is CONFLICT (-2103)',
    async (name) => {
      expectFieldError(await gateway.graphql(operation(`outing/${name}`), { code }), 'CONFLICT', -2103);
    },
  );

  it('keeps the code readable after the conflict', async () => {
    const res = await gateway.graphql<{ outingByConfirmCode: { id: string } }>(
      operation('outing/outing-by-confirm-code'),
      { code },
    );
    expect(res.body.data?.outingByConfirmCode.id).toBe(seeded(1));
  });
});
