import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { STUDENT1, expectFieldError, seeded, tokenOf } from './outing-test-kit';

/** The parent's rejection through the seeded confirm code of outing 1 (status "0"), which it uses up. */
describe('GraphQL outings: rejectOutingByConfirmCode', () => {
  let gateway: GatewayHarness;
  const code = 'confirm-000000000001';

  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('rejects without a token: WAITING_FOR_PARENT → REJECTED_BY_PARENT', async () => {
    const res = await gateway.graphql(operation('outing/reject-outing-by-confirm-code'), { code });
    expect(res.body).toEqual({
      data: { rejectOutingByConfirmCode: { id: seeded(1), status: 'REJECTED_BY_PARENT', endsAt: null } },
    });
    const read = await gateway.graphql<{ outing: { status: string } }>(
      operation('outing/outing'),
      { id: seeded(1) },
      { token: tokenOf(STUDENT1) },
    );
    expect(read.body.data?.outing.status).toBe('REJECTED_BY_PARENT');
  });

  it('is NOT_FOUND (-2301) with the used code', async () => {
    expectFieldError(
      await gateway.graphql(operation('outing/reject-outing-by-confirm-code'), { code }),
      'NOT_FOUND',
      -2301,
    );
  });

  it('is NOT_FOUND (-2301) for an unknown code', async () => {
    const res = await gateway.graphql(operation('outing/reject-outing-by-confirm-code'), {
      code: 'confirm-999999999999',
    });
    expectFieldError(res, 'NOT_FOUND', -2301);
  });
});
