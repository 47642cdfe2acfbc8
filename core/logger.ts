import pino, { type Logger, type LoggerOptions, type DestinationStream } from 'pino';

export type { Logger };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface LoggerFactoryOptions {
  level: LogLevel;
  /** Name of the process role (gateway, reference-services, health-checker). */
  name: string;
  /** Tests pass a stream to capture lines. */
  destination?: DestinationStream;
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
];

/** One JSON logger per process; children add bindings per component. */
export function createLogger(options: LoggerFactoryOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level,
    redact: { paths: REDACTED_PATHS, censor: '[REDACTED]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}
