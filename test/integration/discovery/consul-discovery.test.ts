import { startConsulAgent, type ConsulAgent } from '../../helpers/consul-agent';
import { eventually, startInstanceSet, type ServiceInstanceSet } from '../../helpers/consul-cluster';
import { checkStatus, LOGIN_ADMIN_PATH, startConsulGateway, type ConsulGateway } from './consul-gateway';

jest.setTimeout(60_000);

describe('discovery and resilience on a real Consul agent', () => {
  let agent: ConsulAgent;
  let sets: ServiceInstanceSet[] = [];
  let gateway: ConsulGateway | undefined;

  beforeAll(async () => {
    agent = await startConsulAgent();
  });
  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
    await Promise.all(sets.map((s) => s.close()));
    sets = [];
  });
  afterAll(() => agent.stop());

  const startSets = async (n: number) => {
    sets = await Promise.all(Array.from({ length: n }, () => startInstanceSet(agent.address)));
    return sets;
  };

  it('spreads calls evenly over the instances round robin', async () => {
    const [a, b, c] = await startSets(3);
    gateway = await startConsulGateway(agent.address);
    for (let i = 0; i < 30; i += 1) expect(await gateway.login()).toEqual({ ok: true });
    expect([a, b, c].map((s) => s?.calls(LOGIN_ADMIN_PATH))).toEqual([10, 10, 10]);
  });

  it('moves traffic off a killed instance without failing a read, fails its check, and takes it back', async () => {
    const [a, b, c] = (await startSets(3)) as [ServiceInstanceSet, ServiceInstanceSet, ServiceInstanceSet];
    gateway = await startConsulGateway(agent.address, 1500);
    const checkId = b.registrations.auth.checkId;

    for (let i = 0; i < 6; i += 1) expect(await gateway.login()).toEqual({ ok: true });
    await b.kill();
    // Steady traffic across the crash: every read is retried on another instance, none fails.
    for (let i = 0; i < 30; i += 1) expect(await gateway.login()).toEqual({ ok: true });
    expect(await eventually(async () => (await checkStatus(agent.address, checkId)) === 'critical')).toBe(true);
    const ready = (await gateway.readyz()).body as {
      upstreams: { auth: { instances: Array<{ id: string; breaker: string }> } };
    };
    const listed = ready.upstreams.auth.instances.find((i) => i.id === b.registrations.auth.serviceId);
    // Either Consul already dropped it (check critical) or it is listed with its breaker open.
    expect(listed === undefined || listed.breaker === 'open').toBe(true);

    const before = a.calls(LOGIN_ADMIN_PATH) + c.calls(LOGIN_ADMIN_PATH);
    for (let i = 0; i < 10; i += 1) expect(await gateway.login()).toEqual({ ok: true });
    expect(a.calls(LOGIN_ADMIN_PATH) + c.calls(LOGIN_ADMIN_PATH) - before).toBe(10);

    await b.revive();
    const bBefore = b.calls(LOGIN_ADMIN_PATH);
    // After the open time the breaker half-opens, the check passes again, and trial calls close the breaker.
    const back = await eventually(async () => {
      expect(await gateway?.login()).toEqual({ ok: true });
      return b.calls(LOGIN_ADMIN_PATH) - bBefore >= 6;
    }, 15_000);
    expect(back).toBe(true);
    expect(await checkStatus(agent.address, checkId)).toBe('passing');
  });

  it('answers NO_INSTANCE at once when every instance is gone', async () => {
    const [a] = await startSets(1);
    gateway = await startConsulGateway(agent.address);
    expect(await gateway.login()).toEqual({ ok: true });
    await a?.close();
    expect(await eventually(() => gateway?.registry.instances('auth').length === 0)).toBe(true);
    const started = Date.now();
    expect(await gateway.login()).toEqual({ ok: false, code: 'SERVICE_UNAVAILABLE', reason: 'NO_INSTANCE' });
    // Well under the 3 s RPC deadline: nothing was dialled or waited for.
    expect(Date.now() - started).toBeLessThan(1000);
    expect((await gateway.readyz()).status).toBe(503);
  });

  it('times a stalled instance out at its deadline, then opens its breaker', async () => {
    const [a] = (await startSets(1)) as [ServiceInstanceSet];
    gateway = await startConsulGateway(agent.address, 30_000);
    a.services.stall();
    const results = await Promise.all(Array.from({ length: 5 }, () => gateway!.login()));
    a.services.resume();
    for (const result of results) expect(result).toEqual({ ok: false, code: 'UPSTREAM_TIMEOUT' });
    // The open breaker refuses at once; if its report to Consul (below) already took the instance out of the
    // watched list, the refusal says there is no instance instead. Either way nothing is sent.
    const refused = await gateway.login();
    expect(refused).toEqual({ ok: false, code: 'SERVICE_UNAVAILABLE', reason: expect.any(String) });
    expect(['CIRCUIT_OPEN', 'NO_INSTANCE']).toContain((refused as { reason: string }).reason);
    expect(
      await eventually(async () => (await checkStatus(agent.address, a.registrations.auth.checkId)) === 'critical'),
    ).toBe(true);
  });

  it('picks up an instance added under traffic within a second of its check passing', async () => {
    await startSets(1);
    gateway = await startConsulGateway(agent.address);
    expect(await gateway.login()).toEqual({ ok: true });
    const added = await startInstanceSet(agent.address);
    sets.push(added);
    const picked = await eventually(async () => {
      expect(await gateway?.login()).toEqual({ ok: true });
      return added.calls(LOGIN_ADMIN_PATH) > 0;
    }, 1000);
    expect(picked).toBe(true);
  });
});

describe('a Consul agent restart', () => {
  it('keeps serving from the last list, resumes the watch, and picks up instances registered meanwhile', async () => {
    let agent = await startConsulAgent();
    const first = await startInstanceSet(agent.address, 3);
    const gateway = await startConsulGateway(agent.address);
    let added: ServiceInstanceSet | undefined;
    try {
      expect(await gateway.login()).toEqual({ ok: true });
      await agent.stop();
      for (let i = 0; i < 5; i += 1) expect(await gateway.login()).toEqual({ ok: true });
      expect(
        await eventually(
          async () =>
            (await gateway.readyz()).body.discovery !== undefined &&
            ((await gateway.readyz()).body.discovery as { reachable: boolean }).reachable === false,
        ),
      ).toBe(true);

      agent = await startConsulAgent({ ports: agent.ports });
      added = await startInstanceSet(agent.address, 3);
      const picked = await eventually(async () => {
        expect(await gateway.login()).toEqual({ ok: true });
        return added!.calls(LOGIN_ADMIN_PATH) > 0;
      }, 10_000);
      expect(picked).toBe(true);
      expect(((await gateway.readyz()).body.discovery as { reachable: boolean }).reachable).toBe(true);
      // The first set re-registers by itself once its heartbeat finds the new agent does not know it.
      expect(await eventually(() => gateway.registry.instances('auth').length === 2, 10_000)).toBe(true);
    } finally {
      await gateway.close();
      await added?.close();
      await first.close();
      await agent.stop();
    }
  });
});
