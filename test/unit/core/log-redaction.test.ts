import { Writable } from 'node:stream';
import { CENSOR, redactSecrets } from '../../../core/log-redaction';
import { createLogger } from '../../../core/logger';

describe('redactSecrets', () => {
  it('censors secret keys at any depth, in objects and arrays', () => {
    const line = {
      password: 'p1',
      req: { headers: { authorization: 'Bearer x', cookie: 'c', host: 'h' } },
      variables: { input: { StudentPW: 's', name: 'n' }, list: [{ token: 't' }, { ok: 1 }] },
      deep: { a: { b: { c: { d: { jwtSecret: 'j' } } } } },
    };
    expect(redactSecrets(line)).toEqual({
      password: CENSOR,
      req: { headers: { authorization: CENSOR, cookie: CENSOR, host: 'h' } },
      variables: { input: { StudentPW: CENSOR, name: 'n' }, list: [{ token: CENSOR }, { ok: 1 }] },
      deep: { a: { b: { c: { d: { jwtSecret: CENSOR } } } } },
    });
  });

  it('never changes the caller’s objects and returns them as they are when nothing is secret', () => {
    const headers = { authorization: 'Bearer x' };
    const line = { req: { headers }, plain: { a: 1 } };
    const redacted = redactSecrets(line);
    expect(headers.authorization).toBe('Bearer x');
    expect(redacted.plain).toBe(line.plain);
    const clean = { a: { b: [1, 2] } };
    expect(redactSecrets(clean)).toBe(clean);
  });

  it('stops at a bounded depth instead of following a cycle', () => {
    const cyclic: Record<string, unknown> = { name: 'x' };
    cyclic.self = cyclic;
    expect(() => redactSecrets(cyclic)).not.toThrow();
  });
});

describe('createLogger', () => {
  it('writes no secret value into a line', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ name: 't', level: 'info', destination });
    logger.info(
      { http: { request: { headers: { authorization: 'Bearer SECRET-1' } } }, variables: { password: 'SECRET-2' } },
      'login',
    );
    logger.child({ component: 'c' }).warn({ err: new Error('boom'), token: 'SECRET-3' }, 'failed');
    const text = lines.join('');
    expect(text).not.toMatch(/SECRET-\d/);
    expect(text).toContain(CENSOR);
    expect(JSON.parse(lines[1] ?? '{}')).toMatchObject({ error: { message: 'boom' }, 'log.level': 'warn' });
  });
});
