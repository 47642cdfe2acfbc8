/** Outing times travel as unix seconds (legacy-api.md §0.7); `DateTime` values are unix milliseconds or Dates. */
export function msOfSeconds(seconds: number): number {
  return seconds * 1000;
}

/** 0 means "unset" in the outing service's arrival time. */
export function msOfOptionalSeconds(seconds: number): number | null {
  return seconds === 0 ? null : seconds * 1000;
}

/** A parsed `DateTime` argument → whole unix seconds for the outing service. */
export function secondsOf(value: Date | string | number): number {
  return Math.floor(new Date(value).getTime() / 1000);
}
