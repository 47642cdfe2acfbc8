import { createMemoryUsedValues } from '../../../rest/used-security-values';

describe('in-memory used Request-Security values', () => {
  it('a value claims once, and again only after it expired', async () => {
    let t = 1_000_000;
    const store = createMemoryUsedValues({ maxEntries: 10, now: () => t, sweepIntervalMs: 0 });
    expect(await store.claim('a', 5000)).toBe(true);
    expect(await store.claim('a', 5000)).toBe(false);
    t += 4999;
    expect(await store.claim('a', 5000)).toBe(false);
    t += 1;
    expect(await store.claim('a', 5000)).toBe(true);
    await store.close();
  });

  it('forgets expired values first and never holds more than its bound', async () => {
    let t = 0;
    const store = createMemoryUsedValues({ maxEntries: 3, now: () => t, sweepIntervalMs: 0 });
    await store.claim('old', 10);
    t = 20;
    await store.claim('b', 1000);
    await store.claim('c', 1000);
    await store.claim('d', 1000); // full: the expired "old" goes, nothing live does
    expect(store.size()).toBe(3);
    expect(await store.claim('b', 1000)).toBe(false);
    for (let i = 0; i < 100; i += 1) await store.claim(`spray-${i}`, 1000);
    expect(store.size()).toBe(3);
    // Full of live values: the oldest is dropped (a warning is logged), the newest stay single-use.
    expect(await store.claim('spray-99', 1000)).toBe(false);
    await store.close();
  });
});
