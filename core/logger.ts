import { ecsFormat } from '@elastic/ecs-pino-format';
import pino, { type Logger, type LoggerOptions, type DestinationStream } from 'pino';
import { redactSecrets } from './log-redaction';
import { turnBatchedDestination, type ByteDestination } from './turn-batched-destination';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerFactoryOptions {
  level: LogLevel;
  /** Name of the process role (gateway, reference-services, health-checker). */
  name: string;
  /** Tests pass a stream to capture lines; by default lines go to stdout, written asynchronously. */
  destination?: DestinationStream;
  /** ECS `service.name` (Kibana's service filter); defaults to `name`. */
  serviceName?: string;
}

/**
 * One JSON logger per process in Elastic Common Schema (`@timestamp`, `log.level`, `message`, `error.*`,
 * `service.name`), so Elasticsearch/Kibana ingest the lines as they are; children add bindings per component.
 */
export function createLogger(options: LoggerFactoryOptions): Logger {
  const ecs = ecsFormat({ apmIntegration: false, convertErr: true, serviceName: options.serviceName ?? options.name });
  const ecsLog = ecs.formatters?.log ?? ((object: Record<string, unknown>) => object);
  const config: LoggerOptions = {
    ...ecs,
    // Secrets are censored before the ECS conversion, so headers, variables and error objects are covered alike.
    formatters: { ...ecs.formatters, log: (object) => ecsLog(redactSecrets(object)) },
    name: options.name,
    level: options.level,
  };
  return pino(config, options.destination ?? stdoutDestination());
}

/**
 * Stdout, written asynchronously: a line is queued and written with whatever else queued meanwhile, so a busy
 * process makes one write per batch rather than one blocking write per line; the lines of one event-loop turn are
 * handed over as one Buffer (`turn-batched-destination.ts` says why). No line is lost on the way out: the queue is
 * written and flushed synchronously on `exit` (a clean shutdown, `process.exit`, and the crash handler of
 * `core/shutdown-signals.ts`); only SIGKILL can cut it short, which cuts a synchronous writer short too.
 */
export function stdoutDestination(): DestinationStream {
  const boom = pino.destination({ dest: 1, sync: false, contentMode: 'buffer' });
  // In buffer mode sonic-boom's write takes a Buffer; its typings only know string mode.
  return turnBatchedDestination(boom as unknown as ByteDestination);
}
