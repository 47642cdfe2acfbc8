import { parseConfig, SERVICE_NAMES, consulServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { runReferenceServices } from '../../../reference-services/run-reference-services';
import type { RunningReferenceServices } from '../../../reference-services/start-reference-services';
import { startConsulAgent, type ConsulAgent } from '../../helpers/consul-agent';

interface HealthEntry {
  Service: { ID: string; Service: string; Address: string; Port: number; Meta: Record<string, string> };
  Checks: Array<{ CheckID: string; Status: string }>;
}

describe('reference services registered in a real Consul agent', () => {
  let agent: ConsulAgent;
  let running: RunningReferenceServices | undefined;

  const passing = async (service: string): Promise<HealthEntry[]> => {
    const res = await fetch(`http://${agent.address}/v1/health/service/${service}?passing=true`);
    return (await res.json()) as HealthEntry[];
  };

  beforeAll(async () => {
    agent = await startConsulAgent();
    const config = parseConfig({
      CONSUL_HTTP_ADDR: agent.address,
      REFERENCE_AUTH_PORT: '0',
      REFERENCE_CLUB_PORT: '0',
      REFERENCE_OUTING_PORT: '0',
      REFERENCE_SCHEDULE_PORT: '0',
      REFERENCE_ANNOUNCEMENT_PORT: '0',
      REFERENCE_SERVICES_CHECK_TTL_SECONDS: '2',
    });
    running = await runReferenceServices(config, createLogger({ name: 'test', level: 'silent' }));
  });

  afterAll(async () => {
    await running?.close();
    await agent.stop();
  });

  it.each(SERVICE_NAMES)('registers %s under its legacy name with a passing TTL check', async (service) => {
    const entries = await passing(consulServiceName(service));
    expect(entries).toHaveLength(1);
    const [entry] = entries as [HealthEntry];
    expect(entry.Service.ID).toMatch(new RegExp(`^DMS\\.SMS\\.v1\\.service\\.${service}-[0-9a-f-]{36}$`));
    expect(`${entry.Service.Address}:${entry.Service.Port}`).toBe(running?.addresses[service]);
    expect(entry.Service.Meta.CheckID).toBe(`service:${entry.Service.ID}`);
    expect(entry.Checks.map((c) => c.CheckID)).toContain(`service:${entry.Service.ID}`);
  });

  it('keeps the TTL check passing past its TTL', async () => {
    await new Promise((r) => setTimeout(r, 3000));
    for (const service of SERVICE_NAMES) expect(await passing(consulServiceName(service))).toHaveLength(1);
  });

  it('deregisters every instance on close', async () => {
    await running?.close();
    running = undefined;
    for (const service of SERVICE_NAMES) {
      const res = await fetch(`http://${agent.address}/v1/catalog/service/${consulServiceName(service)}`);
      expect(await res.json()).toEqual([]);
    }
  });
});
