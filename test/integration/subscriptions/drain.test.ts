import { startGatewayHarness } from '../../helpers/gateway';
import { liveClient, rawInit, waitForSubscriptions } from '../../helpers/live-client';
import { STUDENT1, STUDENT2, tokenOf } from '../graphql/outing/outing-test-kit';

/**
 * Shutting down with sockets open: they are closed with 1001 as the drain starts, new upgrades get 503, and a
 * peer that never answers the close does not hold the shutdown (its socket is cut after at most 2 s).
 */
describe('live updates: the drain', () => {
  it('closes every socket with 1001, refuses new upgrades, and is not held by a peer that stopped reading', async () => {
    const gateway = await startGatewayHarness({ env: { SHUTDOWN_GRACE_MS: '10000' } });
    const client = liveClient(gateway.url, tokenOf(STUDENT1));
    client.subscribe('subscription { myOutingUpdated { id } }');
    await waitForSubscriptions(gateway.url, 'myOutingUpdated', 1);
    const silent = await rawInit(gateway.url, { authorization: `Bearer ${tokenOf(STUDENT2)}` });
    expect(silent.acked).toBe(true);
    silent.socket.pause();

    const started = Date.now();
    const closing = gateway.close();
    await expect(rawInit(gateway.url, {})).rejects.toThrow('upgrade refused: 503');
    expect(await client.closed).toEqual({ code: 1001, reason: 'the gateway is shutting down' });
    await closing;
    expect(Date.now() - started).toBeLessThan(4000);
    await client.dispose();
  });
});
