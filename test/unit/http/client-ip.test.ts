import {
  createAddressMatcher,
  createClientIpResolver,
  isIpOrCidr,
  parseIp,
  type RequestAddressSource,
} from '../../../http/client-ip';

const request = (peer: string, forwardedFor?: string | string[]): RequestAddressSource => ({
  socket: { remoteAddress: peer },
  headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor as string },
});

describe('parseIp', () => {
  it.each([
    ['1.2.3.4', '1.2.3.4'],
    [' 1.2.3.4 ', '1.2.3.4'],
    ['::ffff:127.0.0.1', '127.0.0.1'],
    ['::FFFF:10.1.2.3', '10.1.2.3'],
    ['1.2.3.4:5678', '1.2.3.4'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('%s → %s', (raw, ip) => expect(parseIp(raw)).toBe(ip));

  it.each(['', 'unknown', '1.2.3', '999.1.1.1', 'example.com', '1.2.3.4, 5.6.7.8'])('%j is not an address', (raw) =>
    expect(parseIp(raw)).toBeUndefined(),
  );
});

describe('isIpOrCidr and the address matcher', () => {
  it.each(['10.0.0.1', '10.0.0.0/8', '::1', '2001:db8::/32', '0.0.0.0/0'])('%s is accepted', (entry) =>
    expect(isIpOrCidr(entry)).toBe(true),
  );
  it.each(['10.0.0.0/33', '::/129', '10.0.0.0/', 'host', '10.0.0.0/8/1', '10.0.0.0/x'])('%s is refused', (entry) =>
    expect(isIpOrCidr(entry)).toBe(false),
  );

  it('matches addresses and blocks, IPv4 and IPv6', () => {
    const matcher = createAddressMatcher(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32']);
    expect(matcher.has('10.200.3.4')).toBe(true);
    expect(matcher.has('11.0.0.1')).toBe(false);
    expect(matcher.has('192.168.1.7')).toBe(true);
    expect(matcher.has('192.168.1.8')).toBe(false);
    expect(matcher.has('2001:db8:1::5')).toBe(true);
    expect(matcher.has('2001:db9::5')).toBe(false);
    expect(matcher.has('')).toBe(false);
  });

  it('refuses a malformed entry at start-up', () => {
    expect(() => createAddressMatcher(['10.0.0.0/40'])).toThrow(/not an address/);
  });
});

describe('client IP resolution', () => {
  const untrusting = createClientIpResolver(createAddressMatcher([]));
  const behindProxies = createClientIpResolver(createAddressMatcher(['10.0.0.0/8', '::1']));

  it('is the socket peer, normalised, when nothing is trusted', () => {
    expect(untrusting(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('ignores X-Forwarded-For from an untrusted peer (spoofing gains nothing)', () => {
    expect(untrusting(request('203.0.113.9', '1.1.1.1'))).toBe('203.0.113.9');
    expect(behindProxies(request('203.0.113.9', '1.1.1.1'))).toBe('203.0.113.9');
  });

  it('honours X-Forwarded-For from a trusted proxy', () => {
    expect(behindProxies(request('10.0.0.5', '198.51.100.7'))).toBe('198.51.100.7');
    expect(behindProxies(request('::1', '198.51.100.7'))).toBe('198.51.100.7');
  });

  it('takes the right-most untrusted hop: what the client wrote on the left is ignored', () => {
    expect(behindProxies(request('10.0.0.5', '6.6.6.6, 198.51.100.7, 10.0.0.9'))).toBe('198.51.100.7');
    expect(behindProxies(request('10.0.0.5', ['6.6.6.6', '198.51.100.7']))).toBe('198.51.100.7');
  });

  it('stops at a malformed hop and keeps the last address it could vouch for', () => {
    expect(behindProxies(request('10.0.0.5', '198.51.100.7, garbage, 10.0.0.9'))).toBe('10.0.0.9');
  });

  it('is the proxy itself when every hop is trusted or the header is missing', () => {
    expect(behindProxies(request('10.0.0.5', '10.0.0.9'))).toBe('10.0.0.9');
    expect(behindProxies(request('10.0.0.5'))).toBe('10.0.0.5');
  });
});
