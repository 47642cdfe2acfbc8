// `npm start`: the composition root and the only reader of process.env.
import { ConfigError, parseConfig, SERVICE_NAMES, type Config, type ServiceName } from '../core/config';
import { createCloseStack, type CloseStack } from '../core/close-stack';
import { createConsulClient } from '../core/consul-client';
import { createLogger, type Logger } from '../core/logger';
import { closeOnShutdownSignals, exitOnCrash } from '../core/shutdown-signals';
import { createMetricsRegistry } from '../core/metrics-registry';
import { createHealthCheckerFromConfig } from '../health-checker/create-health-checker-from-config';
import { createConsulRegistry } from '../discovery/consul-registry';
import type { ServiceRegistry } from '../discovery/service-registry';
import { createStaticRegistry } from '../discovery/static-registry';
import { createConsulCheckReporter } from '../resilience/consul-check-reporter';
import type { BreakerListener } from '../resilience/instance-breakers';
import { createGateway } from './create-gateway';
import { upstreamSourceOf } from './upstreams';
import { printWelcome, type WelcomeAccount } from './welcome';

interface Discovery {
  registry: ServiceRegistry;
  breakerListener?: BreakerListener;
  /** The embedded services' demo accounts, for the welcome banner. */
  demoAccounts?: WelcomeAccount[];
}

/** Consul when configured; else the static lists; else the five reference services embedded in this process. */
async function discover(config: Config, logger: Logger, resources: CloseStack): Promise<Discovery> {
  const source = upstreamSourceOf(config);
  if (config.consul) {
    const consul = createConsulClient(config.consul);
    resources.defer(() => consul.destroy());
    const registry = createConsulRegistry({ consul, logger, wait: config.consul.watchWait });
    await registry.ready();
    return { registry, breakerListener: createConsulCheckReporter(consul, logger) };
  }
  if (source.kind === 'static') return { registry: createStaticRegistry(config.upstreams) };
  // Loaded only here: a gateway with real upstreams never loads the stand-ins (nor their demo data).
  const { startReferenceServices } = await import('../reference-services/start-reference-services.js');
  const { DEMO_ACCOUNTS } = await import('../reference-services/demo-data.js');
  const embedded = await startReferenceServices({
    logger: logger.child({ component: 'reference-services' }),
    demoData: config.referenceServices.demoData,
  });
  resources.defer(() => embedded.close());
  const addresses = Object.fromEntries(SERVICE_NAMES.map((s) => [s, [embedded.addresses[s]]]));
  return {
    registry: createStaticRegistry(addresses as Record<ServiceName, string[]>, 'embedded'),
    demoAccounts: Object.values(DEMO_ACCOUNTS),
  };
}

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ name: 'gateway', level: config.logLevel, serviceName: config.telemetry.serviceName });
  exitOnCrash(logger);
  // One registry for the process: the gateway's /metrics serves it, the embedded health checker registers on it.
  const metricsRegistry = createMetricsRegistry();
  const resources = createCloseStack((err) => logger.error({ err }, 'a resource failed to close'));
  const { registry, breakerListener, demoAccounts } = await discover(config, logger, resources);
  // The embedded health checker (its metrics go on the gateway's registry once /metrics serves one).
  const healthChecker =
    config.healthChecker.enabled && config.consul
      ? createHealthCheckerFromConfig(config.healthChecker, {
          consul: createConsulClient(config.consul),
          logger: logger.child({ component: 'health-checker' }),
          metrics: metricsRegistry,
        })
      : undefined;
  if (healthChecker) resources.defer(() => healthChecker.close());
  const gateway = await createGateway({
    config,
    logger,
    registry,
    ...(breakerListener ? { breakerListener } : {}),
    ...(healthChecker ? { healthChecker } : {}),
    metricsRegistry,
  });
  const port = await gateway.listen();
  resources.defer(() => gateway.close());
  logger.info({ port, upstreams: upstreamSourceOf(config).kind }, 'gateway listening');
  if (demoAccounts) printWelcome(port, config, demoAccounts);
  healthChecker?.start();

  // Shutdown drains HTTP first (the gateway was created last), then closes the rest in reverse order of creation.
  // A close that outlives the grace by 10 s, or a second signal, exits at once.
  closeOnShutdownSignals(logger, () => resources.close(), config.shutdownGraceMs + 10_000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
