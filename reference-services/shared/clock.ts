/** Injectable time source, so tests can pin "now" for the outing and recruitment date rules. */
export interface Clock {
  /** Unix milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock the test moves by hand. */
export function createManualClock(startMs: number): Clock & { set(ms: number): void; advance(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** Korea Standard Time offset: the outing service stores wall-clock KST (legacy-api.md §0.7). */
export const KST_OFFSET_SECONDS = 9 * 60 * 60;

/** `YYYY-MM-DD` of a unix-seconds instant in KST. */
export function kstDate(unixSeconds: number): string {
  return new Date((unixSeconds + KST_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD` of a unix-milliseconds instant in UTC (the services' "server-local" time zone). */
export function utcDate(unixMs: number): string {
  return new Date(unixMs).toISOString().slice(0, 10);
}
