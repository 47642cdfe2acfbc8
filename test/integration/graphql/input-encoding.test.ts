import { startGatewayHarness, type GatewayHarness } from '../../helpers/gateway';

describe('values that do not fit the gRPC contract', () => {
  let gateway: GatewayHarness;
  beforeAll(async () => {
    gateway = await startGatewayHarness();
  });
  afterAll(() => gateway.close());

  // sendJoinSms' filters carry no @constraint (0 or absent means "no filter"), so a negative one reaches encoding.
  it('answers a negative number for a uint32 field with BAD_USER_INPUT, not an internal error', async () => {
    const admin = await gateway.login('admin', 'admin', 'admin1234');
    const res = await gateway.graphql('mutation { sendJoinSms(grade: -1) { sent } }', {}, { token: admin });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      rpc: 'SendJoinSMSToUnsignedStudents',
    });
    expect(res.body.errors?.[0]?.message).toMatch(/does not fit the SendJoinSMSToUnsignedStudents contract/);
  });

  it('leaves a constrained uint32 argument to @constraint, before encoding', async () => {
    const res = await gateway.graphql('query { unsignedStudent(authCode: -1) { name } }');
    expect(res.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      legacyCode: -203,
      fields: [{ field: 'unsignedStudent', path: 'authCode', rule: 'MIN', message: 'authCode must be at least 1' }],
    });
  });
});
