import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The harness is plain ESM (bench/lib): each script runs in a child node with `input` as `input`, and writes JSON.
const ROOT = join(__dirname, '../../..');
function inChildNode(body: string, input: unknown): unknown {
  const script = `(async () => { const input = JSON.parse(process.argv[1]); ${body} })();`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, JSON.stringify(input)], { cwd: ROOT, encoding: 'utf8' }),
  );
}
function verdictsOf(result: object): Record<string, { measured: string; verdict: string }> {
  return inChildNode(
    `const { evaluateTargets } = await import('./bench/lib/targets.mjs');
    process.stdout.write(JSON.stringify(Object.fromEntries(evaluateTargets(input).map((t) => [t.name, t]))));`,
    result,
  ) as Record<string, { measured: string; verdict: string }>;
}

const W2 = 'W2 p99 / p50 at 80% load';
const W5 = 'W5 p99 at 80% load';

describe('latency bounds measured at a fixed rate', () => {
  it('fail when the target fell behind the rate asked, however even its percentiles', () => {
    // The full run on f82fb63: 585/s asked, the gateway's queue grew, p50 7.4 s and p99 9.2 s (a ratio of 1.25×).
    const verdicts = verdictsOf({
      cases: {},
      w2At80: { rate: 585, rps: 410, p50: 7400, p99: 9200 },
      w5At80: { rate: 9000, rps: 6000, p50: 1, p99: 2 },
    });
    expect(verdicts[W2]).toMatchObject({ verdict: 'FAIL' });
    expect(verdicts[W2]!.measured).toContain('410/s answered of 585/s asked');
    expect(verdicts[W5]).toMatchObject({ verdict: 'FAIL' });
  });

  it('are judged on the percentiles when the rate was held', () => {
    const verdicts = verdictsOf({
      cases: {},
      w2At80: { rate: 585, rps: 584, p50: 2, p99: 5 },
      w5At80: { rate: 9000, rps: 8990, p50: 1, p99: 7 },
    });
    expect(verdicts[W2]).toMatchObject({ verdict: 'pass' });
    expect(verdicts[W5]).toMatchObject({ verdict: 'FAIL', measured: '7.00 ms' });
  });

  it('say "not measured" when the paced run did not happen', () => {
    const verdicts = verdictsOf({ cases: {} });
    expect(verdicts[W2]).toMatchObject({ verdict: 'n/a' });
    expect(verdicts[W5]).toMatchObject({ verdict: 'n/a' });
  });
});

describe('memory figures', () => {
  it('count megabytes as the goal and the deployment limit do (10^6 bytes), so 241.5 MiB misses 250 MB', () => {
    const run = { rps: 1, rpsPerCore: 1, cpuShare: 1, latency: { p50: 1, p90: 1, p99: 1, max: 1 } };
    const summary = inChildNode(
      `const { summarize } = await import('./bench/lib/report.mjs');
      process.stdout.write(JSON.stringify(summarize(input)));`,
      [
        { ...run, rss: 150_000_000, peakRss: 200_000_000 },
        { ...run, rss: 160_000_000, peakRss: 241.5 * 2 ** 20 },
      ],
    ) as { rssMb: number; peakRssMb: number };
    expect(summary.rssMb).toBe(160);
    expect(summary.peakRssMb).toBeCloseTo(253.2, 1);
    const verdicts = verdictsOf({ cases: {}, gatewayPeakRssMb: summary.peakRssMb });
    expect(verdicts['Gateway peak RSS during the run']).toMatchObject({ verdict: 'FAIL', measured: '253.23 MB' });
  });
});

describe('the name a run is kept under (bench/results/latest-<mode>)', () => {
  const modeOf = (args: object) =>
    inChildNode(
      `const { runMode } = await import('./bench/lib/report.mjs');
      process.stdout.write(JSON.stringify(runMode(input)));`,
      args,
    );

  it('keeps a profiled or shortened run from writing over the last full run', () => {
    // A `--cpu-prof --only …` run once replaced latest-full, the figures docs/benchmarks.md quotes.
    expect(modeOf({ 'cpu-prof': true, only: 'W1 cached', seconds: '8' })).toBe('custom');
    expect(modeOf({ only: 'W1 cached' })).toBe('custom');
    expect(modeOf({ seconds: '30', warmup: '10', reps: '3' })).toBe('custom');
    expect(modeOf({ autocannon: true })).toBe('custom');
  });

  it('names the plan protocol full and --quick quick', () => {
    expect(modeOf({ quick: false, autocannon: false, 'cpu-prof': false })).toBe('full');
    expect(modeOf({ quick: true, only: 'W1 cached' })).toBe('quick');
  });
});
