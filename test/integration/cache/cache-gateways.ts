import Redis from 'ioredis';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../../core/config';
import { createLogger } from '../../../core/logger';
import { createStaticRegistry } from '../../../discovery/static-registry';
import type { ServiceRegistry } from '../../../discovery/service-registry';
import { createGateway } from '../../../src/create-gateway';
import { TEST_JWT_SECRET, TRAFFIC_LIMITS_OFF } from '../../helpers/gateway';
import type { ReferenceHarness } from '../../helpers/reference-services';
import { testRedisOptions } from '../../helpers/test-redis';

/** A static registry over the reference services from which whole services can be taken away and given back. */
export interface SwitchableRegistry extends ServiceRegistry {
  takeAway(service: ServiceName): void;
  giveBack(service: ServiceName): void;
}

export function switchableRegistry(services: ReferenceHarness): SwitchableRegistry {
  const inner = createStaticRegistry(
    Object.fromEntries(SERVICE_NAMES.map((s) => [s, [services.services.addresses[s]]])) as Record<
      ServiceName,
      string[]
    >,
  );
  const away = new Set<ServiceName>();
  return {
    ...inner,
    pick: (service, exclude) => (away.has(service) ? undefined : inner.pick(service, exclude)),
    instances: (service) => (away.has(service) ? [] : inner.instances(service)),
    takeAway: (service) => away.add(service),
    giveBack: (service) => away.delete(service),
  };
}

export interface TestGateway {
  url: string;
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ status: number; headers: Headers; text: string; body: GraphQLBody }>;
  readyz(): Promise<{ status: number; body: { cache: { status: string; backend: string; healthy: boolean } } }>;
  close(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  extensions?: Record<string, unknown>;
}

/** One gateway replica in front of the given registry, with extra settings. */
export async function startTestGateway(registry: ServiceRegistry, env: Record<string, string>): Promise<TestGateway> {
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET_KEY: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...TRAFFIC_LIMITS_OFF,
    ...env,
  });
  const gateway = await createGateway({
    config,
    logger: createLogger({ name: 'cache-test', level: 'silent' }),
    registry,
  });
  const port = await gateway.listen();
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/graphql`,
    async graphql(query, variables, token) {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as GraphQLBody };
    },
    async readyz() {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as never };
    },
    close: () => gateway.close(),
  };
}

/** Flushes database `db` of the shared test Redis and returns a client on it. */
export async function cleanRedis(db: number): Promise<Redis> {
  const client = new Redis({ ...testRedisOptions(db), lazyConnect: true });
  await client.connect();
  await client.flushdb();
  return client;
}

export async function eventually<T>(probe: () => Promise<T>, done: (value: T) => boolean, attempts = 100): Promise<T> {
  let value = await probe();
  for (let i = 0; i < attempts && !done(value); i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await probe();
  }
  return value;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export { startRedisServer, stopRedisServer } from '../../helpers/redis-server';
