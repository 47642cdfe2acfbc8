/** What one `/readyz` answer said about Redis and Consul. */
export interface ReadySample {
  at: number;
  /** False while the response cache is bypassed. */
  cacheOk: boolean;
  /** True while limits are counted in-process. */
  limitsDegraded: boolean;
  discoveryReachable: boolean;
}

export interface ReadySampler {
  samples: ReadySample[];
  stop(): Promise<void>;
}

interface ReadyBody {
  cache?: { status?: string };
  limits?: { degraded?: boolean };
  discovery?: { reachable?: boolean };
}

/** Polls a gateway's `/readyz` every `everyMs` until stopped; an unanswered poll is skipped. */
export function sampleReadyz(base: string, everyMs = 100): ReadySampler {
  const samples: ReadySample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      try {
        const res = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(2000) });
        const body = (await res.json()) as ReadyBody;
        samples.push({
          at,
          cacheOk: body.cache?.status === 'ok',
          limitsDegraded: body.limits?.degraded === true,
          discoveryReachable: body.discovery?.reachable !== false,
        });
      } catch {
        // not answering: nothing to record
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, at + everyMs - Date.now())));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/**
 * How long a condition held between `from` and `until`: from its first sample to the first sample after it
 * stopped holding (0 when it never held; null when it still held at the last sample).
 */
export function spanOf(
  samples: ReadySample[],
  from: number,
  until: number,
  holds: (s: ReadySample) => boolean,
): number | null {
  const after = samples.filter((s) => s.at >= from && s.at <= until);
  const first = after.findIndex(holds);
  if (first < 0) return 0;
  const end = after.slice(first).find((s) => !holds(s));
  return end ? end.at - (after[first] as ReadySample).at : null;
}

/** When, after `from`, the condition first held; null when it never did. */
export function firstAfter(samples: ReadySample[], from: number, holds: (s: ReadySample) => boolean): number | null {
  const found = samples.find((s) => s.at >= from && holds(s));
  return found ? found.at - from : null;
}
