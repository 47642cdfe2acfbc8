import { ConfigError, DEFAULT_SERVICE_PORTS, parseConfig } from '../../../core/config';

describe('parseConfig', () => {
  it('applies every default to an empty environment', () => {
    const config = parseConfig({});
    expect(config).toEqual({
      nodeEnv: 'development',
      logLevel: 'info',
      http: { host: '0.0.0.0', port: 4000, maxRequestBytes: 1048576, maxUploadBytes: 10485760 },
      jwtSecret: undefined,
      sandbox: true,
      consul: undefined,
      redisUrl: undefined,
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
    });
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
});
