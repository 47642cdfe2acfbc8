// `npm start`: the composition root and the only reader of process.env.
import { ConfigError, parseConfig, SERVICE_NAMES, type ServiceName } from '../core/config';
import { createLogger } from '../core/logger';
import { closeOnShutdownSignals } from '../core/shutdown-signals';
import { startReferenceServices } from '../reference-services/start-reference-services';
import { startHealthServer } from './health-server';
import { upstreamSourceOf } from './upstreams';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const source = upstreamSourceOf(config);
  const addresses: Partial<Record<ServiceName, string[]>> = {};
  const closers: Array<() => Promise<void>> = [];

  if (source.kind === 'embedded') {
    // The embedded default: the five reference services in this process, on free loopback ports.
    const embedded = await startReferenceServices({
      logger: logger.child({ component: 'reference-services' }),
      demoData: config.referenceServices.demoData,
    });
    for (const service of SERVICE_NAMES) addresses[service] = [embedded.addresses[service]];
    closers.unshift(() => embedded.close());
  } else if (source.kind === 'static') {
    for (const service of SERVICE_NAMES) addresses[service] = config.upstreams[service] ?? [];
  }

  const health = await startHealthServer(config.http.host, config.http.port, () => {
    const upstreams = Object.fromEntries(
      SERVICE_NAMES.map((service) => [service, { instances: addresses[service] ?? [] }]),
    ) as Record<ServiceName, { instances: string[] }>;
    return { ready: SERVICE_NAMES.every((s) => upstreams[s].instances.length > 0), upstreams };
  });
  closers.unshift(() => health.close());
  logger.info({ port: health.port, upstreams: source.kind }, 'gateway listening');

  closeOnShutdownSignals(logger, async () => {
    for (const close of closers) await close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
