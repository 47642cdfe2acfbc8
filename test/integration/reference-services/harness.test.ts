import { AuthEventService } from '../../../grpc-clients/generated/auth/auth-event';
import { OutingEventService } from '../../../grpc-clients/generated/outing/outing-event';
import { startReferenceHarness, type ReferenceHarness } from '../../helpers/reference-services';

describe('reference services on loopback', () => {
  let harness: ReferenceHarness;
  beforeAll(async () => {
    harness = await startReferenceHarness();
  });
  afterAll(() => harness.close());

  it('binds all five services to distinct loopback ports', () => {
    const addresses = Object.values(harness.services.addresses);
    expect(addresses).toHaveLength(5);
    expect(new Set(addresses).size).toBe(5);
    for (const address of addresses) expect(address).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers ChangeAllServiceNodes on every event service', async () => {
    await expect(harness.call('auth', AuthEventService, 'changeAllServiceNodes', {})).resolves.toEqual({});
    await expect(harness.call('outing', OutingEventService, 'changeAllServiceNodes', {})).resolves.toEqual({});
  });

  it('serves auth under the go-micro path the legacy gateway used', async () => {
    await expect(
      harness.callPath(
        'auth',
        AuthEventService,
        'changeAllServiceNodes',
        '/DMS.SMS.v1.service.auth.AuthEvent/ChangeAllServiceNodes',
        {},
      ),
    ).resolves.toEqual({});
  });
});
