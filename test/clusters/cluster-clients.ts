import { randomUUID } from 'node:crypto';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createRedisClient, type RedisClient } from '../../cache/redis-client';
import type { RedisTarget } from '../../core/config';
import { createLogger } from '../../core/logger';
import { createMemoryUsedValues, createRedisUsedValues } from '../../rest/used-security-values';
import { traceRedisCommands } from '../../src/telemetry/redis-tracing';
import { createTracing } from '../../src/telemetry/tracing';
import { createRedisCounters } from '../../traffic/redis-counters';
import { waitUntil } from '../faults/wait-until';

const logger = createLogger({ name: 'cluster-clients', level: 'silent' });

/**
 * The Redis users the load does not reach, run in this process on clients the gateway's factory makes for the
 * cluster: two "replicas" claiming one Request-Security value, sharing a counter, and the span per command
 * telemetry records for a Cluster client.
 */
export async function probeClusterClients(target: RedisTarget) {
  const exporter = new InMemorySpanExporter();
  const tracing = createTracing({ serviceName: 'cluster-clients', exporter });
  const clients: RedisClient[] = [0, 1].map((i) =>
    createRedisClient(target, logger, {
      commandTimeoutMs: 500,
      ...(i === 0 ? { instrument: (client: RedisClient) => traceRedisCommands(client, tracing.tracer) } : {}),
    }),
  );
  try {
    if ((await waitUntil(() => clients.every((c) => c.status === 'ready'), 10_000)) === null) {
      throw new Error('the cluster clients never became ready');
    }
    const [a, b] = clients as [RedisClient, RedisClient];

    const used = (client: RedisClient) =>
      createRedisUsedValues(client, createMemoryUsedValues({ maxEntries: 10, sweepIntervalMs: 0 }), logger);
    const id = randomUUID();
    const usedValues = {
      firstClaim: await used(a).claim(id, 10_000),
      replayOnOther: await used(b).claim(id, 10_000),
      otherValue: await used(b).claim(randomUUID(), 10_000),
    };

    const key = `cluster-probe:${randomUUID()}`;
    const hits = [];
    for (const client of [a, b, a, b]) {
      hits.push(
        (await createRedisCounters(client, { prefix: 'cluster-probe:count:' }).hit(key, { limit: 3, windowMs: 10_000 }))
          .allowed,
      );
    }

    // Keys of different slots, auto-pipelined to different primaries, inside a traced request.
    const parent = tracing.tracer!.startSpan('request');
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await Promise.all([0, 1, 2, 3, 4, 5].map((i) => a.set(`cluster-probe:span:${i}:${key}`, 'v', 'PX', 10_000)));
      await createRedisCounters(a, { prefix: 'cluster-probe:count:' }).hit(`${key}:traced`, {
        limit: 1,
        windowMs: 10_000,
      });
    });
    parent.end();
    await tracing.flush();
    const spans = exporter.getFinishedSpans().filter((s) => s.name.startsWith('redis '));
    return {
      usedValues,
      sharedCounter: hits,
      spans: {
        names: [...new Set(spans.map((s) => s.name))].sort(),
        count: spans.length,
        allInRequest: spans.every((s) => s.parentSpanContext?.spanId === parent.spanContext().spanId),
        system: [...new Set(spans.map((s) => s.attributes['db.system']))],
      },
    };
  } finally {
    for (const client of clients) client.disconnect();
    await tracing.close();
  }
}
