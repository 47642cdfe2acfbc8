/**
 * The Redis the integration tests share, from `REDIS_URL` (default `redis://127.0.0.1:6379`); each suite takes its
 * own database index of it, so suites never see each other's keys. Only the host and port of `REDIS_URL` are used.
 */
const base = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

export const TEST_REDIS_HOST = base.hostname;
export const TEST_REDIS_PORT = Number(base.port || 6379);

/** `redis://host:port/<db>` of the shared test Redis. */
export function testRedisUrl(db: number): string {
  return `redis://${TEST_REDIS_HOST}:${TEST_REDIS_PORT}/${db}`;
}

/** ioredis options for database `db` of the shared test Redis. */
export function testRedisOptions(db: number): { host: string; port: number; db: number } {
  return { host: TEST_REDIS_HOST, port: TEST_REDIS_PORT, db };
}
