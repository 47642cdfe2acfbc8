import { isIP } from 'node:net';
import { z } from 'zod';

/** The value shapes several concerns share. */

export const port = z.coerce.number().int().min(0).max(65535);

export const boolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Comma-separated values, blanks dropped. */
export const list = z.string().transform((v) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** Comma-separated IP addresses or CIDR blocks (`10.0.0.0/8`, `::1`), IPv4 or IPv6. */
export const ipOrCidrList = list.pipe(z.array(z.string().refine(isIpOrCidr, 'expected an IP address or CIDR block')));

function isIpOrCidr(entry: string): boolean {
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}

/** Comma-separated `host:port` addresses. */
export const addressList = list.pipe(z.array(z.string().regex(/^[^\s:]+:\d{1,5}$/, 'expected host:port')));
