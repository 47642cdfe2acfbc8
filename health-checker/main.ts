// `npm run health-checker`: the active health checker on its own (legacy DMS.SMS.v1.api.health-checker).
import { collectDefaultMetrics } from 'prom-client';
import { ConfigError, parseConfig } from '../core/config';
import { createConsulClient } from '../core/consul-client';
import { createLogger } from '../core/logger';
import { createMetricsRegistry } from '../core/metrics-registry';
import { closeOnShutdownSignals, exitOnCrash } from '../core/shutdown-signals';
import { createHealthCheckerFromConfig } from './create-health-checker-from-config';
import { createHealthCheckerHttp } from './health-checker-http';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.consul) throw new ConfigError(['CONSUL_HTTP_ADDR: the health checker needs a Consul agent']);
  const logger = createLogger({ name: 'health-checker', level: config.logLevel });
  exitOnCrash(logger);
  const metrics = createMetricsRegistry();
  collectDefaultMetrics({ register: metrics });
  const checker = createHealthCheckerFromConfig(config.healthChecker, {
    consul: createConsulClient(config.consul),
    logger,
    metrics,
  });
  const http = createHealthCheckerHttp(checker, metrics, logger);
  const port = await http.listen(config.http.host, config.healthChecker.port);
  logger.info({ port }, 'health checker listening');
  checker.start();
  closeOnShutdownSignals(logger, async () => {
    await http.close();
    await checker.close();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
