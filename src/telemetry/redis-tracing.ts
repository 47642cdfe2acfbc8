import { context, SpanKind, SpanStatusCode, trace, type Attributes, type Tracer } from '@opentelemetry/api';
import { Cluster } from 'ioredis';
import type { RedisClient } from '../../cache/redis-client';

type SendCommand = Cluster['sendCommand'];

/** Where the client's commands go, as far as it is one place: one server, else only the database. */
function serverAttributes(client: RedisClient): Attributes {
  if (client instanceof Cluster) return { 'db.namespace': '0' };
  const { host, port, db, sentinels } = client.options;
  return {
    'db.namespace': String(db ?? 0),
    // A Sentinel client's primary moves: its own host and port are only defaults.
    ...(host && !sentinels ? { 'server.address': host } : {}),
    ...(port && !sentinels ? { 'server.port': port } : {}),
  };
}

/**
 * A CLIENT span per Redis command sent while a sampled request is being traced (`redis GET`), on this client
 * instance only. Wrapping the instance rather than patching the module keeps it working under Jest and avoids root
 * spans for background traffic. Only the command name is recorded, never keys or values (they hold cached data). A
 * Cluster client sends every command, auto-pipelined or redirected, through its own `sendCommand` once, so one
 * span per command there too.
 */
export function traceRedisCommands(client: RedisClient, tracer: Tracer | undefined): void {
  if (!tracer) return;
  const send = client.sendCommand.bind(client) as SendCommand;
  const server = serverAttributes(client);
  client.sendCommand = ((command, stream, node) => {
    const active = context.active();
    if (!trace.getSpan(active)?.isRecording()) return send(command, stream, node);
    const operation = command.name.toUpperCase();
    const span = tracer.startSpan(
      `redis ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': 'redis',
          'db.operation.name': operation,
          ...server,
        },
      },
      active,
    );
    command.promise.then(
      () => span.end(),
      (error: Error) => {
        span.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
        span.end();
      },
    );
    return send(command, stream, node);
  }) as SendCommand;
}
