import { ecsFormat } from '@elastic/ecs-pino-format';
import pino, { type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerFactoryOptions {
  level: LogLevel;
  /** Name of the process role (gateway, reference-services, health-checker). */
  name: string;
  /** Tests pass a stream to capture lines. */
  destination?: DestinationStream;
  /** ECS `service.name` (Kibana's service filter); defaults to `name`. */
  serviceName?: string;
}

/** Paths whose values never reach a log line, wherever they appear. */
export const REDACTED_PATHS = [
  'password',
  '*.password',
  '*.*.password',
  'StudentPW',
  '*.StudentPW',
  'TeacherPW',
  '*.TeacherPW',
  'ParentPW',
  '*.ParentPW',
  'AdminPW',
  '*.AdminPW',
  'CurrentPW',
  '*.CurrentPW',
  'RevisionPW',
  '*.RevisionPW',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  '*.*.headers.authorization',
  '*.*.*.headers.authorization',
  'cookie',
  '*.headers.cookie',
  '*.*.headers.cookie',
  '*.*.*.headers.cookie',
  'refreshToken',
  '*.refreshToken',
  'secret',
  '*.secret',
  'jwtSecret',
  '*.jwtSecret',
  '*.variables.password',
  '*.variables.*.password',
  'variables.password',
  'variables.*.password',
];

/**
 * One JSON logger per process in Elastic Common Schema (`@timestamp`, `log.level`, `message`, `error.*`,
 * `service.name`), so Elasticsearch/Kibana ingest the lines as they are; children add bindings per component.
 */
export function createLogger(options: LoggerFactoryOptions): Logger {
  const config: LoggerOptions = {
    ...ecsFormat({ apmIntegration: false, convertErr: true, serviceName: options.serviceName ?? options.name }),
    name: options.name,
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
