import { operation, startGatewayHarness, type GatewayHarness } from '../../../helpers/gateway';
import { STUDENT1, expectFieldError, seeded, tokenOf } from './outing-test-kit';

/** The parent's approval through the seeded confirm code of outing 1 (status "0"), which it uses up. */
describe('GraphQL outings: approveOutingByConfirmCode', () => {
  let gateway: GatewayHarness;
  const code = 'confirm-000000000001';

  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('approves without a token: WAITING_FOR_PARENT → WAITING_FOR_TEACHER, and texts the student', async () => {
    const res = await gateway.graphql(operation('outing/approve-outing-by-confirm-code'), { code });
    expect(res.body).toEqual({
      data: { approveOutingByConfirmCode: { id: seeded(1), status: 'WAITING_FOR_TEACHER', endsAt: null } },
    });
    const read = await gateway.graphql<{ outing: { status: string } }>(
      operation('outing/outing'),
      { id: seeded(1) },
      { token: tokenOf(STUDENT1) },
    );
    expect(read.body.data?.outing.status).toBe('WAITING_FOR_TEACHER');
    expect(gateway.services.adapters.sms.sent).toContainEqual({
      phoneNumber: '01000000201',
      text: expect.stringContaining('학부모에 의해 허가'),
    });
  });

  it.each([['outing-by-confirm-code'], ['approve-outing-by-confirm-code'], ['reject-outing-by-confirm-code']])(
    '%s is NOT_FOUND (-2301) with the used code',
    async (name) => {
      expectFieldError(await gateway.graphql(operation(`outing/${name}`), { code }), 'NOT_FOUND', -2301);
    },
  );

  it('is NOT_FOUND (-2301) for an unknown code', async () => {
    const res = await gateway.graphql(operation('outing/approve-outing-by-confirm-code'), {
      code: 'confirm-999999999999',
    });
    expectFieldError(res, 'NOT_FOUND', -2301);
  });
});
