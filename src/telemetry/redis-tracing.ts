import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type Redis from 'ioredis';

type SendCommand = Redis['sendCommand'];

/**
 * A CLIENT span per Redis command sent while a request is being traced (`redis GET`), on this client instance
 * only. Wrapping the instance rather than patching the module keeps it working under Jest and avoids root spans
 * for background traffic. Only the command name is recorded, never keys or values (they hold cached data).
 */
export function traceRedisCommands(client: Redis, tracer: Tracer | undefined): void {
  if (!tracer) return;
  const send: SendCommand = client.sendCommand.bind(client);
  const { host, port, db } = client.options;
  client.sendCommand = ((command, stream) => {
    const active = context.active();
    if (!trace.getSpan(active)) return send(command, stream);
    const operation = command.name.toUpperCase();
    const span = tracer.startSpan(
      `redis ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': 'redis',
          'db.operation.name': operation,
          'db.namespace': String(db ?? 0),
          ...(host ? { 'server.address': host } : {}),
          ...(port ? { 'server.port': port } : {}),
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
    return send(command, stream);
  }) as SendCommand;
}
