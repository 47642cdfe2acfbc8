import { ConfigError, DEFAULT_SERVICE_PORTS, parseConfig, SETTING_GROUPS, SETTING_NAMES } from '../../../core/config';

describe('parseConfig', () => {
  it('applies every default to an empty environment', () => {
    const config = parseConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      logLevel: 'info',
      http: { host: '0.0.0.0', port: 4000, maxRequestBytes: 1048576, maxUploadBytes: 10485760, maxInFlight: 512 },
      jwtSecret: undefined,
      sandbox: true,
      graphql: {
        introspection: true,
        maxDepth: 8,
        maxCost: 1000,
        maxAliases: 15,
        maxDirectives: 50,
        maxTokens: 1000,
        maxBatch: 10,
        apq: true,
        planCacheSize: 1000,
        compileAfter: 2,
        safelistFile: undefined,
      },
      cors: { origins: ['*'] },
      consul: undefined,
      redis: undefined,
      cache: {
        enabled: true,
        defaultTtlMs: 60_000,
        timetableTtlMs: 86_400_000,
        maxStalenessMs: 3_600_000,
        memoryMaxEntries: 10_000,
        redisTimeoutMs: 500,
      },
      traffic: {
        serviceRps: { auth: 30, club: 30, outing: 30, schedule: 30, announcement: 30 },
        serviceCapacity: { auth: 0, club: 0, outing: 0, schedule: 0, announcement: 0 },
        syncIntervalMs: 100,
        fieldLimits: true,
        flood: { threshold: 50, blockMs: 60_000, allowlist: ['127.0.0.0/8', '::1'] },
        trustedProxies: [],
      },
      requestTimeoutMs: 10000,
      breaker: { errorThreshold: 5, successThreshold: 5, openMs: 60000 },
      upstreams: { auth: undefined, club: undefined, outing: undefined, schedule: undefined, announcement: undefined },
      referenceServices: {
        host: '127.0.0.1',
        advertiseHost: '127.0.0.1',
        ports: DEFAULT_SERVICE_PORTS,
        demoData: true,
        checkTtlSeconds: 15,
      },
      healthChecker: {
        enabled: false,
        port: 4001,
        intervalMs: 60000,
        timeoutMs: 2000,
        failuresBeforeCritical: 2,
        deregisterAfterMs: 60000,
        historySize: 20,
        alertWebhook: undefined,
      },
      telemetry: { serviceName: 'dms-sms-gateway', otlpEndpoint: undefined, sampleRatio: 1 },
      shutdownGraceMs: 10000,
      subscriptions: {
        maxConnections: 10_000,
        maxConnectionsPerUser: 10,
        maxPerConnection: 20,
        maxPerUser: 50,
        maxBufferedBytes: 262_144,
        heartbeatMs: 12_000,
      },
    });
  });

  it('reads the health checker settings and refuses to embed it without Consul', () => {
    const config = parseConfig({
      CONSUL_HTTP_ADDR: '127.0.0.1:8500',
      HEALTH_CHECKER_ENABLED: 'true',
      HEALTH_CHECK_INTERVAL_MS: '5000',
      HEALTH_CHECK_ALERT_WEBHOOK: 'https://alerts.example/hook',
    });
    expect(config.healthChecker).toMatchObject({
      enabled: true,
      intervalMs: 5000,
      alertWebhook: 'https://alerts.example/hook',
    });
    expect(() => parseConfig({ HEALTH_CHECKER_ENABLED: 'true' })).toThrow(/HEALTH_CHECKER_ENABLED.*CONSUL_HTTP_ADDR/);
    expect(() => parseConfig({ HEALTH_CHECK_ALERT_WEBHOOK: 'not a url' })).toThrow(ConfigError);
  });

  it('reads the rate limit and flood guard settings, refusing addresses that are not IPs or CIDR blocks', () => {
    const config = parseConfig({
      RATE_LIMIT_AUTH_RPS: '0',
      RATE_LIMIT_OUTING_RPS: '5',
      SERVICE_CAPACITY_CLUB_RPS: '400',
      SERVICE_LIMITS_SYNC_MS: '50',
      RATE_LIMIT_DIRECTIVES: 'false',
      FLOOD_THRESHOLD: '0',
      FLOOD_BLOCK_SECONDS: '1.5',
      FLOOD_ALLOWLIST: '10.0.0.0/8, ::1',
      TRUSTED_PROXIES: '192.168.0.10',
    });
    expect(config.traffic).toEqual({
      serviceRps: { auth: 0, club: 30, outing: 5, schedule: 30, announcement: 30 },
      serviceCapacity: { auth: 0, club: 400, outing: 0, schedule: 0, announcement: 0 },
      syncIntervalMs: 50,
      fieldLimits: false,
      flood: { threshold: 0, blockMs: 1500, allowlist: ['10.0.0.0/8', '::1'] },
      trustedProxies: ['192.168.0.10'],
    });
    expect(() => parseConfig({ TRUSTED_PROXIES: 'proxy.local', FLOOD_ALLOWLIST: '10.0.0.0/33' })).toThrow(
      /TRUSTED_PROXIES[\s\S]*FLOOD_ALLOWLIST|FLOOD_ALLOWLIST[\s\S]*TRUSTED_PROXIES/,
    );
    expect(() => parseConfig({ RATE_LIMIT_CLUB_RPS: '-1' })).toThrow(/RATE_LIMIT_CLUB_RPS/);
    expect(() => parseConfig({ SERVICE_CAPACITY_OUTING_RPS: 'lots', SERVICE_LIMITS_SYNC_MS: '0' })).toThrow(
      /SERVICE_CAPACITY_OUTING_RPS[\s\S]*SERVICE_LIMITS_SYNC_MS/,
    );
  });

  it("allowlists loopback for the flood guard in development only (a newcomer's own tools must not block them)", () => {
    expect(parseConfig({}).traffic.flood.allowlist).toEqual(['127.0.0.0/8', '::1']);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: 's' }).traffic.flood.allowlist).toEqual([]);
    expect(parseConfig({ NODE_ENV: 'test' }).traffic.flood.allowlist).toEqual([]);
    expect(parseConfig({ FLOOD_ALLOWLIST: '10.0.0.1' }).traffic.flood.allowlist).toEqual(['10.0.0.1']);
  });

  it('reads one Redis, a Redis Cluster or a Sentinel-managed primary, and refuses more than one', () => {
    expect(parseConfig({ REDIS_URL: 'redis://cache:6379/2' }).redis).toEqual({
      kind: 'single',
      url: 'redis://cache:6379/2',
    });
    expect(parseConfig({ REDIS_CLUSTER_NODES: 'r1:7000, r2:7001' }).redis).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'r1', port: 7000 },
        { host: 'r2', port: 7001 },
      ],
    });
    expect(parseConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'dms' }).redis).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'dms',
    });
    expect(() => parseConfig({ REDIS_URL: 'redis://a:6379', REDIS_CLUSTER_NODES: 'b:7000' })).toThrow(
      /REDIS_URL, REDIS_CLUSTER_NODES: set at most one of REDIS_URL, REDIS_CLUSTER_NODES, REDIS_SENTINELS/,
    );
    expect(() =>
      parseConfig({ REDIS_CLUSTER_NODES: 'b:7000', REDIS_SENTINELS: 's:26379', REDIS_SENTINEL_NAME: 'dms' }),
    ).toThrow(/REDIS_CLUSTER_NODES, REDIS_SENTINELS: set at most one/);
    expect(() => parseConfig({ REDIS_SENTINELS: 's:26379' })).toThrow(/REDIS_SENTINELS: needs REDIS_SENTINEL_NAME/);
    expect(() => parseConfig({ REDIS_SENTINEL_NAME: 'dms' })).toThrow(/REDIS_SENTINELS: needs REDIS_SENTINEL_NAME/);
    expect(() => parseConfig({ REDIS_CLUSTER_NODES: 'no-port' })).toThrow(/REDIS_CLUSTER_NODES/);
    expect(() => parseConfig({ REDIS_CLUSTER_NODES: ' , ' })).toThrow(/REDIS_CLUSTER_NODES: expected at least one/);
  });

  it('reads ports, Consul and static upstream lists', () => {
    const config = parseConfig({
      PORT: '8080',
      CONSUL_HTTP_ADDR: '127.0.0.1:8500',
      UPSTREAM_AUTH_ADDRS: '10.0.0.1:50051, 10.0.0.2:50051',
      REFERENCE_SERVICES_DEMO_DATA: 'false',
    });
    expect(config.http.port).toBe(8080);
    expect(config.consul).toEqual({
      address: '127.0.0.1:8500',
      token: undefined,
      watchWait: '30s',
      indexHeader: 'X-Consul-Index',
    });
    expect(config.upstreams.auth).toEqual(['10.0.0.1:50051', '10.0.0.2:50051']);
    expect(config.referenceServices.demoData).toBe(false);
  });

  it('refuses to start in production without a JWT secret, and turns the Sandbox off there', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET_KEY/);
    const config = parseConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: 's3cret' });
    expect(config.sandbox).toBe(false);
    expect(parseConfig({ NODE_ENV: 'production', JWT_SECRET_KEY: 's', GRAPHQL_SANDBOX: 'true' }).sandbox).toBe(true);
  });

  it('reads the subscription limits, turns them off with SUBSCRIPTIONS_ENABLED=false, refuses nonsense', () => {
    expect(
      parseConfig({ SUBSCRIPTIONS_MAX_PER_SOCKET: '5', SUBSCRIPTIONS_HEARTBEAT_MS: '30000' }).subscriptions,
    ).toMatchObject({ maxPerConnection: 5, heartbeatMs: 30_000 });
    expect(parseConfig({ SUBSCRIPTIONS_ENABLED: 'false' }).subscriptions).toBeUndefined();
    expect(() => parseConfig({ SUBSCRIPTIONS_MAX_BUFFERED_BYTES: '100', SUBSCRIPTIONS_MAX_SOCKETS: '0' })).toThrow(
      /SUBSCRIPTIONS_MAX_SOCKETS: [\s\S]*SUBSCRIPTIONS_MAX_BUFFERED_BYTES: /,
    );
  });

  it('treats empty strings as unset', () => {
    expect(parseConfig({ PORT: '', CONSUL_HTTP_ADDR: '' }).http.port).toBe(4000);
    expect(parseConfig({ CONSUL_HTTP_ADDR: '' }).consul).toBeUndefined();
  });

  it('reports every invalid setting at once', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'http', LOG_LEVEL: 'loud', UPSTREAM_CLUB_ADDRS: 'no-port', REFERENCE_AUTH_PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of ['PORT', 'LOG_LEVEL', 'UPSTREAM_CLUB_ADDRS', 'REFERENCE_AUTH_PORT'])
      expect(problems).toContain(key);
  });

  it('reports every invalid value and every conflict between settings in one error', () => {
    const problems = problemsOf({
      NODE_ENV: 'production',
      PORT: 'http',
      LOG_LEVEL: 'loud',
      HEALTH_CHECK_ALERT_WEBHOOK: 'not a url',
      REDIS_URL: 'redis://a:6379',
      REDIS_CLUSTER_NODES: 'b:7000',
      REQUEST_SECURITY_PASSPHRASE: 'p',
    });
    expect(problems.map((p) => p.slice(0, p.indexOf(':')))).toEqual([
      'LOG_LEVEL',
      'PORT',
      'HEALTH_CHECK_ALERT_WEBHOOK',
      'JWT_SECRET_KEY',
      'REDIS_URL, REDIS_CLUSTER_NODES',
      'REQUEST_SECURITY_PASSPHRASE',
    ]);
    expect(problems).toContain('JWT_SECRET_KEY: required when NODE_ENV=production');
  });

  it('skips a rule whose setting is invalid: the invalid value is the one problem reported for it', () => {
    expect(problemsOf({ HEALTH_CHECKER_ENABLED: 'maybe' })).toEqual([
      expect.stringMatching(/^HEALTH_CHECKER_ENABLED: Invalid option/),
    ]);
    expect(problemsOf({ NODE_ENV: 'prod' })).toEqual([expect.stringMatching(/^NODE_ENV: /)]);
  });

  describe.each(Object.entries(SETTING_GROUPS))('the %s settings', (_name, group) => {
    const others = Object.values(SETTING_GROUPS).filter((g) => g !== group);

    it('are all read (listed in SETTING_NAMES) and owned by this group alone', () => {
      for (const name of Object.keys(group.env)) {
        expect(SETTING_NAMES).toContain(name);
        expect(others.filter((g) => name in g.env)).toEqual([]);
      }
    });

    it("read only settings some group owns, in their owner's schema", () => {
      for (const [name, schema] of Object.entries(group.uses)) {
        expect(others.find((g) => name in g.env)?.env[name as never]).toBe(schema);
      }
      for (const rule of group.rules) for (const name of rule.reads) expect(SETTING_NAMES).toContain(name);
    });
  });
});

function problemsOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
