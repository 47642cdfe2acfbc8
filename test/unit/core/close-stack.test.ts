import { createCloseStack } from '../../../core/close-stack';

describe('the close stack (shutdown in reverse order of creation)', () => {
  it('closes the last created first, each after the one before it has finished', async () => {
    const closed: string[] = [];
    const stack = createCloseStack(() => undefined);
    for (const name of ['registry', 'telemetry', 'redis', 'http']) {
      stack.defer(async () => {
        await new Promise((resolve) => setTimeout(resolve, name === 'http' ? 20 : 1));
        closed.push(name);
      });
    }
    await stack.close();
    expect(closed).toEqual(['http', 'redis', 'telemetry', 'registry']);
  });

  it('reports a close that fails and still closes everything created before it', async () => {
    const closed: string[] = [];
    const failures: unknown[] = [];
    const stack = createCloseStack((err) => failures.push(err));
    stack.defer(() => closed.push('channels'));
    stack.defer(() => Promise.reject(new Error('redis quit timed out')));
    stack.defer(() => {
      throw new Error('apollo stop threw');
    });
    await stack.close();
    expect(closed).toEqual(['channels']);
    expect(failures.map((err) => (err as Error).message)).toEqual(['apollo stop threw', 'redis quit timed out']);
  });

  it('closes each resource once, however often close is called', async () => {
    let closes = 0;
    const stack = createCloseStack(() => undefined);
    stack.defer(() => closes++);
    await stack.close();
    await stack.close();
    expect(closes).toBe(1);
  });
});
