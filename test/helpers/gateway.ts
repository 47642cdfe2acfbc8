import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, SERVICE_NAMES, type ServiceName } from '../../core/config';
import { createLogger, type Logger } from '../../core/logger';
import { createStaticRegistry } from '../../discovery/static-registry';
import { createGateway, type Gateway } from '../../src/create-gateway';
import { startReferenceHarness, type ReferenceHarness } from './reference-services';

export const TEST_JWT_SECRET = 'gateway-test-secret';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T | null; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }> };
}

export interface GatewayHarness {
  url: string;
  services: ReferenceHarness;
  /** POST /graphql with JSON; `token` becomes `Authorization: Bearer <token>`. */
  graphql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  /** Logs a demo account in through the API and returns its token. */
  login(role: 'admin' | 'student' | 'teacher' | 'parent', id: string, password: string): Promise<string>;
  close(): Promise<void>;
}

const FIXTURES = join(__dirname, '../fixtures/graphql');

/** An operation kept as a fixture file: `operation('auth/login-admin')` reads test/fixtures/graphql/auth/login-admin.graphql. */
export function operation(name: string): string {
  return readFileSync(join(FIXTURES, `${name}.graphql`), 'utf8');
}

/**
 * Rate limits and the flood guard off: every test talks from 127.0.0.1 at machine speed and would trip them.
 * Suites about traffic control turn them on again through `env`.
 */
export const TRAFFIC_LIMITS_OFF: Readonly<Record<string, string>> = {
  FLOOD_THRESHOLD: '0',
  RATE_LIMIT_DIRECTIVES: 'false',
  RATE_LIMIT_AUTH_RPS: '0',
  RATE_LIMIT_CLUB_RPS: '0',
  RATE_LIMIT_OUTING_RPS: '0',
  RATE_LIMIT_SCHEDULE_RPS: '0',
  RATE_LIMIT_ANNOUNCEMENT_RPS: '0',
};

/** The whole gateway in-process on port 0, in front of the five reference services on loopback. */
export async function startGatewayHarness(
  options: {
    demoData?: boolean;
    nowMs?: number;
    env?: Record<string, string>;
    /** The gateway's logger; a silent one by default (pass one with a destination to read the lines). */
    logger?: Logger;
  } = {},
): Promise<GatewayHarness> {
  const services = await startReferenceHarness(options);
  const config = parseConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    JWT_SECRET_KEY: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    ...TRAFFIC_LIMITS_OFF,
    ...options.env,
  });
  const registry = createStaticRegistry(
    Object.fromEntries(SERVICE_NAMES.map((s) => [s, [services.services.addresses[s]]])) as Record<
      ServiceName,
      string[]
    >,
  );
  let gateway: Gateway;
  try {
    gateway = await createGateway({
      config,
      logger: options.logger ?? createLogger({ name: 'gateway-test', level: 'silent' }),
      registry,
    });
  } catch (error) {
    await services.close();
    throw error;
  }
  const port = await gateway.listen();
  const url = `http://127.0.0.1:${port}/graphql`;

  const graphql: GatewayHarness['graphql'] = async (query, variables, opts = {}) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...opts.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse['body'] } as never;
  };

  const LOGIN_FIELD = { admin: 'loginAdmin', student: 'loginStudent', teacher: 'loginTeacher', parent: 'loginParent' };
  return {
    url,
    services,
    graphql,
    async login(role, id, password) {
      const field = LOGIN_FIELD[role];
      const res = await graphql<Record<string, { accessToken: string }>>(
        `mutation Login($id: String!, $password: String!) { ${field}(id: $id, password: $password) { accessToken } }`,
        { id, password },
      );
      const token = res.body.data?.[field]?.accessToken;
      if (!token) throw new Error(`login as ${id} failed: ${JSON.stringify(res.body.errors)}`);
      return token;
    },
    async close() {
      await gateway.close();
      await services.close();
    },
  };
}
