import type { Logger } from './logger';

/**
 * Runs `close` once on SIGINT/SIGTERM and exits 0 when it resolves (the gateway's close drains first: readiness
 * 503, in-flight requests finish within SHUTDOWN_GRACE_MS, then resources close in reverse order). A second
 * signal, or a close that takes longer than `forceAfterMs`, exits 1 at once so a hung resource cannot keep the
 * process alive.
 */
export function closeOnShutdownSignals(logger: Logger, close: () => Promise<void>, forceAfterMs = 10_000): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, forceAfterMs).unref();
    close().then(
      () => {
        logger.info({ signal }, 'shut down cleanly');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * A crash (an exception or rejection nothing handled) is logged as one `fatal` line with its stack, under the
 * logger's bindings, and the process exits 1; exiting flushes the asynchronous log destination, so the lines
 * written before the crash are not lost either. The orchestrator restarts the process.
 */
export function exitOnCrash(logger: Logger): void {
  process.on('uncaughtException', (err, origin) => {
    logger.fatal({ err, origin }, 'crashed');
    process.exit(1);
  });
}
