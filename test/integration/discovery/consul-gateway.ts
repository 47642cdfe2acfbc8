import { parseConfig } from '../../../core/config';
import { createConsulClient } from '../../../core/consul-client';
import { createLogger } from '../../../core/logger';
import { createConsulRegistry, type ConsulRegistry } from '../../../discovery/consul-registry';
import { createConsulCheckReporter } from '../../../resilience/consul-check-reporter';
import { createGateway, type Gateway } from '../../../src/create-gateway';
import { TRAFFIC_LIMITS_OFF } from '../../helpers/gateway';

export const LOGIN_ADMIN_PATH = '/auth.admin.AuthAdmin/LoginAdminAuth';

export interface ConsulGateway {
  gateway: Gateway;
  registry: ConsulRegistry;
  base: string;
  /** One GraphQL loginAdmin (a LoginAdminAuth read on auth): its HTTP status and first error code, if any. */
  login(): Promise<{ ok: boolean; code?: string; reason?: string }>;
  readyz(): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** The gateway as `npm start` runs it with CONSUL_HTTP_ADDR set, on port 0, with a short breaker open time. */
export async function startConsulGateway(consulAddress: string, breakerOpenMs = 1500): Promise<ConsulGateway> {
  const logger = createLogger({ name: 'consul-gateway-test', level: 'silent' });
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET_KEY: 'discovery-test',
    CONSUL_HTTP_ADDR: consulAddress,
    CONSUL_WATCH_WAIT: '5s',
    BREAKER_OPEN_MS: String(breakerOpenMs),
    // Login loops from 127.0.0.1 at test speed would trip the rate limits and the flood guard.
    ...TRAFFIC_LIMITS_OFF,
  });
  const consul = createConsulClient({ address: consulAddress });
  const registry = createConsulRegistry({ consul, logger, wait: '5s', backoffMaxMs: 500 });
  await registry.ready();
  const gateway = await createGateway({
    config,
    logger,
    registry,
    breakerListener: createConsulCheckReporter(consul, logger),
  });
  const port = await gateway.listen();
  const base = `http://127.0.0.1:${port}`;
  return {
    gateway,
    registry,
    base,
    async login() {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { loginAdmin(id: "admin", password: "admin1234") { accessToken } }',
        }),
      });
      const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string; reason?: string } }> };
      const error = body.errors?.[0]?.extensions;
      return error ? { ok: false, code: error.code, reason: error.reason } : { ok: true };
    },
    async readyz() {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async close() {
      await gateway.close();
      consul.destroy();
    },
  };
}

/** The status Consul reports for one check. */
export async function checkStatus(consulAddress: string, checkId: string): Promise<string | undefined> {
  const res = await fetch(`http://${consulAddress}/v1/agent/checks`);
  const checks = (await res.json()) as Record<string, { Status: string }>;
  return checks[checkId]?.Status;
}
