import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

describe('values that do not fit the gRPC contract', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  it('answers a negative number for a uint32 field with BAD_USER_INPUT, not an internal error', async () => {
    const res = await gateway.graphql('query { unsignedStudent(authCode: -1) { name } }');
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rpc: 'GetUnsignedStudentWithAuthCode',
    });
    expect(res.body.errors?.[0]?.message).toMatch(/does not fit the GetUnsignedStudentWithAuthCode contract/);
  });
});
