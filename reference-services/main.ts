// `npm run services`: the five reference services as separate grpc-js servers (ports 50051–50055 by default).
import { ConfigError, parseConfig } from '../core/config';
import { createLogger } from '../core/logger';
import { closeOnShutdownSignals, exitOnCrash } from '../core/shutdown-signals';
import { runReferenceServices } from './run-reference-services';

async function main(): Promise<void> {
  const config = parseConfig(process.env);
  const logger = createLogger({ name: 'reference-services', level: config.logLevel });
  exitOnCrash(logger);
  const running = await runReferenceServices(config, logger);
  closeOnShutdownSignals(logger, () => running.close());
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
