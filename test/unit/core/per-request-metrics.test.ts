import { Counter, Histogram, Registry } from 'prom-client';
import { createPerRequestCounter, createPerRequestHistogram } from '../../../core/per-request-metrics';

const BUCKETS = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const OBSERVATIONS: Array<[number, string, string]> = [
  [0.001, '/graphql', 'Me'],
  [0.002, '/graphql', 'Me'],
  [0.0021, '/graphql', 'Me'],
  [3, '/graphql', 'Login'],
  [12, '/v1/ping', '-'],
  [0.3, '/graphql', 'Me'],
];

/** Series in exposition order does not matter to Prometheus: compare the lines as a set. */
const lines = (text: string) => text.split('\n').filter(Boolean).sort();

describe('per-request metrics', () => {
  it('expose the same text as prom-client counters and histograms given the same updates', async () => {
    const ours = new Registry();
    const theirs = new Registry();
    const counter = createPerRequestCounter({
      name: 'requests_total',
      help: 'Requests',
      labelNames: ['route', 'operation', 'status'],
      registry: ours,
    });
    const histogram = createPerRequestHistogram({
      name: 'request_seconds',
      help: 'Latency',
      labelNames: ['route', 'operation'],
      buckets: BUCKETS,
      registry: ours,
    });
    const promCounter = new Counter({
      name: 'requests_total',
      help: 'Requests',
      labelNames: ['route', 'operation', 'status'],
      registers: [theirs],
    });
    const promHistogram = new Histogram({
      name: 'request_seconds',
      help: 'Latency',
      labelNames: ['route', 'operation'],
      buckets: BUCKETS,
      registers: [theirs],
    });
    for (const [seconds, route, operation] of OBSERVATIONS) {
      const status = seconds > 10 ? 503 : 200;
      counter.inc(route, operation, status);
      promCounter.inc({ route, operation, status: String(status) });
      histogram.observe(seconds, route, operation);
      promHistogram.observe({ route, operation }, seconds);
    }
    counter.declare('/healthz', '-', 200);
    promCounter.inc({ route: '/healthz', operation: '-', status: '200' }, 0);
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));

    ours.resetMetrics();
    theirs.resetMetrics();
    expect(lines(await ours.metrics())).toEqual(lines(await theirs.metrics()));
  });

  it('keep series apart when label values differ only in type or position', async () => {
    const registry = new Registry();
    const counter = createPerRequestCounter({ name: 'c_total', help: 'c', labelNames: ['a', 'b'], registry });
    counter.inc('x', 'y');
    counter.inc('y', 'x');
    counter.inc('x', 'y');
    const values = (await registry.getSingleMetric('c_total')!.get()).values;
    expect(values).toEqual([
      { labels: { a: 'x', b: 'y' }, value: 2 },
      { labels: { a: 'y', b: 'x' }, value: 1 },
    ]);
  });
});
