import Consul from 'consul';

export interface ConsulConnection {
  /** `host:port`, `http://host:port` or `https://host:port` (CONSUL_HTTP_ADDR). */
  address: string;
  token?: string | undefined;
}

/** Splits CONSUL_HTTP_ADDR the way the Consul CLI reads it (scheme optional, port 8500 by default). */
export function parseConsulAddress(address: string): { host: string; port: number; secure: boolean } {
  const url = new URL(/^[a-z]+:\/\//i.test(address) ? address : `http://${address}`);
  const secure = url.protocol === 'https:';
  return { host: url.hostname, port: url.port ? Number(url.port) : secure ? 443 : 8500, secure };
}

/** One client per owner; call `destroy()` on close so the keep-alive agent does not hold the process open. */
export function createConsulClient(connection: ConsulConnection): Consul {
  const { host, port, secure } = parseConsulAddress(connection.address);
  return new Consul({ host, port, secure, ...(connection.token ? { defaults: { token: connection.token } } : {}) });
}

/**
 * The note a gateway writes when a breaker fails an instance's TTL check (the legacy ErrBreakerOpen text).
 * Heartbeats leave such a check alone: the gateway passes it again when the breaker half-opens.
 */
export const BREAKER_OPEN_NOTE = 'circuit breaker is open';

/**
 * How every note the health checker writes when it fails a check begins. Heartbeats leave such a check alone
 * too: the checker passes it again once the instance answers.
 */
export const HEALTH_CHECK_FAILED_NOTE = 'health check failed';
