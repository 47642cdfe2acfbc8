import { createStaticRegistry } from '../../../discovery/static-registry';

describe('static registry', () => {
  const registry = createStaticRegistry({ auth: ['a:1', 'b:2', 'c:3'], club: ['d:4'] });

  it('picks instances round robin', () => {
    const picks = Array.from({ length: 6 }, () => registry.pick('auth')?.address);
    expect(picks).toEqual(['a:1', 'b:2', 'c:3', 'a:1', 'b:2', 'c:3']);
  });

  it('skips excluded instances and gives up when all are excluded', () => {
    expect(registry.pick('club', new Set(['d:4']))).toBeUndefined();
    const next = registry.pick('auth', new Set(['a:1', 'b:2']));
    expect(next?.address).toBe('c:3');
  });

  it('has no instance for an unconfigured service', () => {
    expect(registry.pick('outing')).toBeUndefined();
    expect(registry.instances('outing')).toEqual([]);
  });
});
