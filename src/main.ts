// `npm start`: the composition root and the only reader of process.env.
import { ConfigError, parseConfig, SERVICE_NAMES, type Config, type ServiceName } from '../core/config';
import { createLogger, type Logger } from '../core/logger';
import { closeOnShutdownSignals } from '../core/shutdown-signals';
import { createStaticRegistry } from '../discovery/static-registry';
import { startReferenceServices } from '../reference-services/start-reference-services';
import { createGateway } from './create-gateway';
import { upstreamSourceOf } from './upstreams';
import { printWelcome } from './welcome';

async function staticAddresses(config: Config, logger: Logger, closers: Array<() => Promise<void>>) {
  const source = upstreamSourceOf(config);
  if (source.kind === 'consul') {
    throw new ConfigError([
      'CONSUL_HTTP_ADDR: Consul discovery is not built yet (issue #6); use UPSTREAM_<SERVICE>_ADDRS',
    ]);
  }
  if (source.kind === 'static') return config.upstreams;
  // The embedded default: the five reference services in this process, on free loopback ports.
  const embedded = await startReferenceServices({
    logger: logger.child({ component: 'reference-services' }),
    demoData: config.referenceServices.demoData,
  });
  closers.push(() => embedded.close());
  return Object.fromEntries(SERVICE_NAMES.map((s) => [s, [embedded.addresses[s]]])) as Record<ServiceName, string[]>;
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel });
  const closers: Array<() => Promise<void>> = [];
  const registry = createStaticRegistry(await staticAddresses(config, logger, closers));
  const gateway = await createGateway({ config, logger, registry });
  const port = await gateway.listen();
  closers.unshift(() => gateway.close());
  logger.info({ port, upstreams: upstreamSourceOf(config).kind }, 'gateway listening');
  if (upstreamSourceOf(config).kind === 'embedded') printWelcome(port);

  // Shutdown drains HTTP first, then closes what it depends on, in reverse order of creation.
  closeOnShutdownSignals(logger, async () => {
    for (const close of closers) await close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
