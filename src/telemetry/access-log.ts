import pino from 'pino';
import type { Logger } from '../../core/logger';
import type { UpstreamCallRecord } from '../../grpc-clients/upstream-observer';

/** What one request's access line says (docs/observability.md lists the fields as they appear). */
export interface AccessEntry {
  requestId: string;
  method: string;
  status: number;
  /** The response ended before it was completely written (the client went away, or the server cut it). */
  aborted: boolean;
  durationNanos: number;
  path: string;
  clientIp: string | undefined;
  traceId: string;
  spanId: string | undefined;
  caller: { uuid: string; role: string } | undefined;
  route: string;
  operation: { name: string; type: string } | undefined;
  errorCode: string | undefined;
  calls: UpstreamCallRecord[];
}

export type AccessLevel = 'debug' | 'info' | 'warn';

/** Writes access lines in the logger's ECS format, on the logger's stream. */
export interface AccessLog {
  enabled(level: AccessLevel): boolean;
  write(level: AccessLevel, entry: AccessEntry, message: string): void;
}

const quote = JSON.stringify;

/**
 * The one line every request writes, serialized by hand: the same JSON the logger would write for the same
 * fields (`access-log.test.ts` holds the two equal), at a fraction of the cost. Its static part (the logger's
 * bindings: pid, host, service, ECS version) is pino's own, serialized once; the timestamp string is made once
 * per millisecond; every string a client can influence goes through JSON.stringify. The entry's fields are known
 * and hold no secrets (no headers, bodies or variables), which is why the logger's redaction walk is not needed.
 */
export function createAccessLog(logger: Logger): AccessLog {
  const bindings = (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym] ?? '';
  const stream = (logger as unknown as Record<symbol, { write(line: string): unknown }>)[pino.symbols.streamSym];
  let lastMillis = -1;
  let lastTimestamp = '';
  const timestamp = () => {
    const now = Date.now();
    if (now !== lastMillis) {
      lastMillis = now;
      lastTimestamp = new Date(now).toISOString();
    }
    return lastTimestamp;
  };

  return {
    enabled: (level) => logger.isLevelEnabled(level),
    write(level, e, message) {
      if (!stream || !logger.isLevelEnabled(level)) return;
      let failures = 0;
      for (const call of e.calls) if (call.outcome !== 'ok') failures += 1;
      const latencyMs = Math.round(e.durationNanos / 1e3) / 1e3;
      const failed = e.status >= 400 || e.aborted;
      stream.write(
        `{"log.level":"${level}","@timestamp":"${timestamp()}"${bindings}` +
          `,"event":{"action":"http-request","kind":"event","category":["web"],"type":["access"],` +
          `"outcome":"${failed ? 'failure' : 'success'}","duration":${e.durationNanos}}` +
          `,"http":{"request":{"id":${quote(e.requestId)},"method":${quote(e.method)}},` +
          `"response":{"status_code":${e.status}}}` +
          `,"url":{"path":${quote(e.path)}}` +
          `,"client":{${e.clientIp === undefined ? '' : `"ip":${quote(e.clientIp)}`}}` +
          `,"trace":{"id":"${e.traceId}"}` +
          (e.spanId ? `,"span":{"id":"${e.spanId}"}` : '') +
          (e.caller ? `,"user":{"id":${quote(e.caller.uuid)},"roles":[${quote(e.caller.role)}]}` : '') +
          `,"gateway":{"route":${quote(e.route)}` +
          (e.operation ? `,"operation":{"name":${quote(e.operation.name)},"type":${quote(e.operation.type)}}` : '') +
          (e.errorCode ? `,"error_code":${quote(e.errorCode)}` : '') +
          `,"latency_ms":${latencyMs},"upstream_count":${e.calls.length},"upstream_failures":${failures}` +
          `,"upstream":${quote(e.calls)}${e.aborted ? ',"aborted":true' : ''}}` +
          `,"message":${quote(message)}}\n`,
      );
    },
  };
}
