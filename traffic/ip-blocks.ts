/**
 * Blocked client addresses. Checking is local and synchronous on every request (before any parsing), so a
 * blocked flood costs one map lookup; the Redis adapter shares blocks between replicas by pushing them.
 */
export interface IpBlocks {
  /** Milliseconds the address stays blocked; 0 when it is not blocked. */
  blockedFor(ip: string): number;
  /** Blocks the address for `ms` here and, with Redis, on every replica. */
  block(ip: string, ms: number): void;
  close(): Promise<void>;
}

export interface MemoryIpBlocks extends IpBlocks {
  /** Records a block learnt from elsewhere (another replica), without announcing it again. */
  record(ip: string, ms: number): void;
}

export function createMemoryIpBlocks(options: { now?: () => number; sweepIntervalMs?: number } = {}): MemoryIpBlocks {
  const now = options.now ?? Date.now;
  const until = new Map<string, number>();
  const record = (ip: string, ms: number) => {
    const end = now() + ms;
    if ((until.get(ip) ?? 0) < end) until.set(ip, end);
  };
  const interval = options.sweepIntervalMs ?? 10_000;
  const timer =
    interval > 0
      ? setInterval(() => {
          const t = now();
          for (const [ip, end] of until) if (end <= t) until.delete(ip);
        }, interval)
      : undefined;
  timer?.unref();

  return {
    blockedFor(ip) {
      const end = until.get(ip);
      if (end === undefined) return 0;
      const left = end - now();
      if (left > 0) return left;
      until.delete(ip);
      return 0;
    },
    block: record,
    record,
    async close() {
      if (timer) clearInterval(timer);
      until.clear();
    },
  };
}
