import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnJsonLines, type JsonLineProcess } from '../faults/child-processes';

const ROOT = join(__dirname, '../..');
const MAIN = join(ROOT, 'dist/src/main.js');

export interface BuiltGateway {
  process: JsonLineProcess;
  /** `http://127.0.0.1:<port>` */
  base: string;
  stop(): Promise<void>;
}

/**
 * The built gateway (`dist/src/main.js`) started as production would, on a port of its own choosing. With no
 * Consul and no `UPSTREAM_*` address in `env` it is the embedded default: the reference services in the same process.
 */
export async function startBuiltGateway(env: Record<string, string> = {}): Promise<BuiltGateway> {
  if (!existsSync(MAIN) || !existsSync(join(ROOT, 'dist/graphiql/manifest.json'))) {
    throw new Error('dist/ is not built: run `npm run build` (`npm run test:e2e` does)');
  }
  const child = spawnJsonLines(process.execPath, [MAIN], {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    JWT_SECRET_KEY: 'e2e-test-secret-not-for-any-real-deployment',
    LOG_LEVEL: 'info',
    ...env,
  });
  const listening = await child.waitForLine((l) => l.message === 'gateway listening', 60_000, 'the gateway to listen');
  return { process: child, base: `http://127.0.0.1:${String(listening.port)}`, stop: () => child.kill() };
}
