import type { Metric, Registry } from 'prom-client';

/**
 * The counters and histograms every request or upstream call updates, kept so that updating a known series
 * allocates nothing: its cell is found through nested maps keyed by the label values themselves (a status code
 * stays a number), and the label objects, strings and cumulative buckets Prometheus wants are made only when
 * /metrics is read. prom-client's own metrics build a label object and hash it into a string on every update,
 * even through `labels()` children. They are registered on the same prom-client registry and read as its own.
 */

type LabelValue = string | number;

interface Series<Cell> {
  labels: Record<string, string>;
  cell: Cell;
}

/** The series of one metric, by label values (up to four labels). */
class SeriesIndex<Cell> {
  private root = new Map<LabelValue, unknown>();
  series: Array<Series<Cell>> = [];

  constructor(
    private readonly labelNames: readonly string[],
    private readonly makeCell: () => Cell,
  ) {
    if (labelNames.length < 1 || labelNames.length > 4) throw new Error('one to four labels');
  }

  at(a: LabelValue, b?: LabelValue, c?: LabelValue, d?: LabelValue): Cell {
    const depth = this.labelNames.length;
    let map = this.root;
    for (let level = 0; level < depth - 1; level += 1) {
      const value = level === 0 ? a : level === 1 ? b! : c!;
      let next = map.get(value) as Map<LabelValue, unknown> | undefined;
      if (next === undefined) map.set(value, (next = new Map()));
      map = next;
    }
    const last = depth === 1 ? a : depth === 2 ? b! : depth === 3 ? c! : d!;
    const found = map.get(last) as Cell | undefined;
    if (found !== undefined) return found;
    const cell = this.makeCell();
    map.set(last, cell);
    const values = [a, b, c, d];
    this.series.push({ labels: Object.fromEntries(this.labelNames.map((n, i) => [n, String(values[i])])), cell });
    return cell;
  }

  reset(): void {
    this.root = new Map();
    this.series = [];
  }
}

interface MetricText {
  name: string;
  help: string;
  labelNames: readonly string[];
  registry: Registry;
}

/** A metric object prom-client's registry can read (`get`) and reset like one of its own. */
function register(
  { name, help, registry }: MetricText,
  type: 'counter' | 'histogram',
  values: () => Array<{ labels: Record<string, string | number>; value: number; metricName?: string }>,
  reset: () => void,
): void {
  const metric = {
    name,
    help,
    type,
    aggregator: 'sum',
    get: async () => ({ name, help, type, aggregator: 'sum', values: values() }),
    reset,
  };
  registry.registerMetric(metric as unknown as Metric);
}

export interface PerRequestCounter {
  inc(a: LabelValue, b?: LabelValue, c?: LabelValue, d?: LabelValue): void;
  /** Creates the series at 0, so dashboards see 0 rather than "no data" before the first event. */
  declare(a: LabelValue, b?: LabelValue, c?: LabelValue, d?: LabelValue): void;
}

export function createPerRequestCounter(options: MetricText): PerRequestCounter {
  const index = new SeriesIndex(options.labelNames, () => ({ value: 0 }));
  register(
    options,
    'counter',
    () => index.series.map((s) => ({ labels: s.labels, value: s.cell.value })),
    () => index.reset(),
  );
  return {
    inc(a, b, c, d) {
      index.at(a, b, c, d).value += 1;
    },
    declare(a, b, c, d) {
      index.at(a, b, c, d);
    },
  };
}

export interface PerRequestHistogram {
  observe(value: number, a: LabelValue, b?: LabelValue, c?: LabelValue, d?: LabelValue): void;
}

interface HistogramCell {
  /** Observations per bucket, not cumulative (the last slot is +Inf); made cumulative when read. */
  counts: Float64Array;
  sum: number;
  count: number;
}

export function createPerRequestHistogram(options: MetricText & { buckets: readonly number[] }): PerRequestHistogram {
  const { buckets } = options;
  const index = new SeriesIndex<HistogramCell>(options.labelNames, () => ({
    counts: new Float64Array(buckets.length + 1),
    sum: 0,
    count: 0,
  }));
  register(
    options,
    'histogram',
    () =>
      index.series.flatMap(({ labels, cell }) => {
        let cumulative = 0;
        const bucketValues = [...buckets, '+Inf'].map((le, i) => {
          cumulative += cell.counts[i]!;
          return { labels: { le, ...labels }, value: cumulative, metricName: `${options.name}_bucket` };
        });
        return [
          ...bucketValues,
          { labels, value: cell.sum, metricName: `${options.name}_sum` },
          { labels, value: cell.count, metricName: `${options.name}_count` },
        ];
      }),
    () => index.reset(),
  );
  return {
    observe(value, a, b, c, d) {
      const cell = index.at(a, b, c, d);
      let i = 0;
      while (i < buckets.length && value > buckets[i]!) i += 1;
      cell.counts[i]! += 1;
      cell.sum += value;
      cell.count += 1;
    },
  };
}
