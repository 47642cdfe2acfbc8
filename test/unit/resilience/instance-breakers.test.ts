import { createLogger } from '../../../core/logger';
import { BreakerOpenError, createInstanceBreakers } from '../../../resilience/instance-breakers';

const instance = { id: 'auth-1', address: '127.0.0.1:1', checkId: 'service:auth-1' };
const fail = () => Promise.reject(Object.assign(new Error('UNAVAILABLE'), { code: 14 }));
const succeed = () => Promise.resolve('ok');
const always = () => true;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Opens the breaker with 5 transport errors, then waits past its open time (150 ms) until it is half-open. */
async function halfOpened(breakers: ReturnType<typeof createInstanceBreakers>): Promise<void> {
  for (let i = 0; i < 5; i += 1) await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
  await sleep(200);
}

function setup(openMs = 150) {
  const events: string[] = [];
  const breakers = createInstanceBreakers(
    createLogger({ name: 'test', level: 'silent' }),
    {
      onOpen: (i) => events.push(`open:${i.id}`),
      onHalfOpen: (i) => events.push(`half-open:${i.id}`),
      onClose: (i) => events.push(`close:${i.id}`),
    },
    { errorThreshold: 5, successThreshold: 5, openMs },
  );
  return { breakers, events };
}

describe('instance breakers with the legacy semantics', () => {
  it('opens after 5 transport errors and then fails fast without calling', async () => {
    const { breakers, events } = setup();
    for (let i = 0; i < 4; i += 1)
      await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow('UNAVAILABLE');
    expect(breakers.stateOf('auth', instance.id)).toBe('closed');
    await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow('UNAVAILABLE');
    expect(breakers.stateOf('auth', instance.id)).toBe('open');
    expect(events).toEqual(['open:auth-1']);
    const call = jest.fn(succeed);
    await expect(breakers.run('auth', instance, call, always)).rejects.toBeInstanceOf(BreakerOpenError);
    expect(call).not.toHaveBeenCalled();
    breakers.close();
  });

  it('does not count errors the caller says are not transport failures', async () => {
    const { breakers } = setup();
    for (let i = 0; i < 10; i += 1) await expect(breakers.run('auth', instance, fail, () => false)).rejects.toThrow();
    expect(breakers.stateOf('auth', instance.id)).toBe('closed');
    breakers.close();
  });

  it('successes between errors do not reset the count (go-resiliency semantics)', async () => {
    const { breakers } = setup();
    for (let i = 0; i < 4; i += 1) {
      await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
      await breakers.run('auth', instance, succeed, always);
    }
    await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
    expect(breakers.stateOf('auth', instance.id)).toBe('open');
    breakers.close();
  });

  it('forgets earlier errors after an error-free gap as long as the open time', async () => {
    const { breakers } = setup(100);
    for (let i = 0; i < 4; i += 1) await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
    await sleep(150);
    await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
    expect(breakers.stateOf('auth', instance.id)).toBe('closed');
    breakers.close();
  });

  it('half-opens after the open time and closes after 5 straight successes', async () => {
    const { breakers, events } = setup();
    await halfOpened(breakers);
    expect(breakers.stateOf('auth', instance.id)).toBe('half-open');
    for (let i = 0; i < 4; i += 1) await breakers.run('auth', instance, succeed, always);
    expect(events).not.toContain('close:auth-1');
    await breakers.run('auth', instance, succeed, always);
    expect(events).toEqual(['open:auth-1', 'half-open:auth-1', 'close:auth-1']);
    expect(breakers.stateOf('auth', instance.id)).toBe('closed');
    breakers.close();
  });

  it('lets one trial through while half-open and fails the others fast until it ends', async () => {
    const { breakers } = setup();
    await halfOpened(breakers);
    let finishTrial: (value: string) => void = () => {};
    const trial = breakers.run('auth', instance, () => new Promise<string>((r) => (finishTrial = r)), always);
    const other = jest.fn(succeed);
    await expect(breakers.run('auth', instance, other, always)).rejects.toBeInstanceOf(BreakerOpenError);
    expect(other).not.toHaveBeenCalled();
    finishTrial('ok');
    await expect(trial).resolves.toBe('ok');
    await expect(breakers.run('auth', instance, other, always)).resolves.toBe('ok');
    breakers.close();
  });

  it('opens again when a call sent before it opened fails while it is half-open', async () => {
    const { breakers } = setup();
    const late = breakers.run('auth', instance, () => sleep(300).then(fail), always);
    await halfOpened(breakers);
    expect(breakers.stateOf('auth', instance.id)).toBe('half-open');
    await expect(late).rejects.toThrow('UNAVAILABLE');
    expect(breakers.stateOf('auth', instance.id)).toBe('open');
    breakers.close();
  });

  it('does not open again when the half-open trial is answered with an error that is no transport failure', async () => {
    const { breakers, events } = setup();
    await halfOpened(breakers);
    await expect(breakers.run('auth', instance, fail, () => false)).rejects.toThrow('UNAVAILABLE');
    expect(breakers.isOpen('auth', instance.id)).toBe(false);
    expect(events).toEqual(['open:auth-1', 'half-open:auth-1']);
    breakers.close();
  });

  it('re-opens on one error before the 5 successes', async () => {
    const { breakers, events } = setup();
    await halfOpened(breakers);
    await breakers.run('auth', instance, succeed, always);
    await breakers.run('auth', instance, succeed, always);
    await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
    expect(breakers.stateOf('auth', instance.id)).toBe('open');
    expect(events).toEqual(['open:auth-1', 'half-open:auth-1', 'open:auth-1']);
    breakers.close();
  });

  it('openInstances holds exactly the instances whose breaker is open, through open, half-open, reopen and close', async () => {
    const { breakers } = setup();
    expect(breakers.openInstances.get('auth')).toBeUndefined();
    await breakers.run('auth', instance, succeed, always);
    // Made with the service's first breaker, before anything opens: a call that started then sees later openings.
    const open = breakers.openInstances.get('auth')!;
    expect(open.size).toBe(0);
    await halfOpened(breakers);
    const isOpenAgrees = () => expect(open.has(instance.id)).toBe(breakers.isOpen('auth', instance.id));
    // Half-open: out of the set, so a pick can send the trial.
    expect(open.has(instance.id)).toBe(false);
    isOpenAgrees();
    await expect(breakers.run('auth', instance, fail, always)).rejects.toThrow();
    expect(open.has(instance.id)).toBe(true);
    isOpenAgrees();
    await sleep(200);
    for (let i = 0; i < 5; i += 1) await breakers.run('auth', instance, succeed, always);
    expect(breakers.stateOf('auth', instance.id)).toBe('closed');
    expect(open.has(instance.id)).toBe(false);
    expect(breakers.openInstances.get('club')).toBeUndefined();
    breakers.close();
  });

  it('keys breakers by service and instance: a failing service at a shared address opens only its own breaker', async () => {
    const { breakers, events } = setup();
    const shared = { id: '127.0.0.1:50051', address: '127.0.0.1:50051' };
    for (let i = 0; i < 5; i += 1) await expect(breakers.run('auth', shared, fail, always)).rejects.toThrow();
    expect(breakers.isOpen('auth', shared.id)).toBe(true);
    for (const service of ['club', 'outing', 'schedule', 'announcement']) {
      expect(breakers.isOpen(service, shared.id)).toBe(false);
      await expect(breakers.run(service, shared, succeed, always)).resolves.toBe('ok');
    }
    expect(events).toEqual([`open:${shared.id}`]);
    breakers.close();
  });
});
