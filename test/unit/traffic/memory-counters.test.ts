import { createMemoryCounters } from '../../../traffic/memory-counters';
import { createMemoryIpBlocks } from '../../../traffic/ip-blocks';
import { retryAfterSeconds } from '../../../traffic/window-counters';

describe('memory counters (sliding window log)', () => {
  let now = 1_000_000;
  const clock = () => now;
  beforeEach(() => {
    now = 1_000_000;
  });

  it('allows exactly `limit` hits in a window and refuses the next one', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0 });
    for (let i = 1; i <= 5; i += 1)
      expect(counters.hit('k', { limit: 5, windowMs: 1000 })).toEqual({ allowed: true, count: i });
    expect(counters.hit('k', { limit: 5, windowMs: 1000 })).toEqual({ allowed: false, count: 5, retryAfterMs: 1000 });
  });

  it('slides: a hit passes again once the oldest hit has left the window, and says when', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0 });
    counters.hit('k', { limit: 2, windowMs: 1000 });
    now += 400;
    counters.hit('k', { limit: 2, windowMs: 1000 });
    now += 100;
    expect(counters.hit('k', { limit: 2, windowMs: 1000 })).toMatchObject({ allowed: false, retryAfterMs: 500 });
    now += 500;
    expect(counters.hit('k', { limit: 2, windowMs: 1000 })).toMatchObject({ allowed: true, count: 2 });
  });

  it('does not record refused hits, so a caller who keeps knocking gets through after the window', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0 });
    counters.hit('k', { limit: 1, windowMs: 1000 });
    for (let i = 0; i < 50; i += 1) {
      now += 10;
      expect(counters.hit('k', { limit: 1, windowMs: 1000 }).allowed).toBe(false);
    }
    now = 1_000_000 + 1000;
    expect(counters.hit('k', { limit: 1, windowMs: 1000 }).allowed).toBe(true);
  });

  it('weights a hit (aliases) and refuses it whole when it does not fit', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0 });
    expect(counters.hit('k', { limit: 5, windowMs: 1000, weight: 3 })).toEqual({ allowed: true, count: 3 });
    expect(counters.hit('k', { limit: 5, windowMs: 1000, weight: 3 })).toMatchObject({ allowed: false, count: 3 });
    expect(counters.hit('k', { limit: 5, windowMs: 1000, weight: 2 })).toEqual({ allowed: true, count: 5 });
  });

  it('keeps keys apart', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0 });
    counters.hit('a', { limit: 1, windowMs: 1000 });
    expect(counters.hit('b', { limit: 1, windowMs: 1000 }).allowed).toBe(true);
    expect(counters.hit('a', { limit: 1, windowMs: 1000 }).allowed).toBe(false);
  });

  it('stays bounded under a spray of keys', () => {
    const counters = createMemoryCounters({ now: clock, sweepIntervalMs: 0, maxKeys: 100 });
    for (let i = 0; i < 1000; i += 1) counters.hit(`ip:${i}`, { limit: 5, windowMs: 1000 });
    expect(counters.size()).toBeLessThanOrEqual(100);
  });

  it('rounds Retry-After up to whole seconds, at least 1', () => {
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(1000)).toBe(1);
    expect(retryAfterSeconds(1001)).toBe(2);
    expect(retryAfterSeconds(60_000)).toBe(60);
  });
});

describe('memory IP blocks', () => {
  it('blocks for the period, then forgets', () => {
    let now = 0;
    const blocks = createMemoryIpBlocks({ now: () => now, sweepIntervalMs: 0 });
    expect(blocks.blockedFor('10.0.0.1')).toBe(0);
    blocks.block('10.0.0.1', 60_000);
    now = 59_000;
    expect(blocks.blockedFor('10.0.0.1')).toBe(1000);
    expect(blocks.blockedFor('10.0.0.2')).toBe(0);
    now = 60_000;
    expect(blocks.blockedFor('10.0.0.1')).toBe(0);
  });

  it('never shortens a block it already has', () => {
    let now = 0;
    const blocks = createMemoryIpBlocks({ now: () => now, sweepIntervalMs: 0 });
    blocks.block('10.0.0.1', 60_000);
    blocks.record('10.0.0.1', 1000);
    now = 2000;
    expect(blocks.blockedFor('10.0.0.1')).toBe(58_000);
  });
});
