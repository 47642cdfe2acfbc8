import type { IncomingHttpHeaders } from 'node:http';
import { BlockList, isIP } from 'node:net';

/**
 * One address as the gateway keys it: IPv4-mapped IPv6 (`::ffff:1.2.3.4`, what a dual-stack socket reports)
 * becomes plain IPv4, brackets and a port (`[::1]:80`, `1.2.3.4:5678`, which some proxies append in
 * X-Forwarded-For) are dropped. Undefined for anything that is not an address.
 */
export function parseIp(raw: string): string | undefined {
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed) value = bracketed[1] as string;
  else if (/^[\d.]+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const zone = value.indexOf('%');
  if (zone >= 0) value = value.slice(0, zone);
  const family = isIP(value);
  if (family === 0) return undefined;
  if (family === 6) {
    const lower = value.toLowerCase();
    const mapped = /^(?:0*:)*:?ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped && isIP(mapped[1] as string) === 4) return mapped[1];
    return lower;
  }
  return value;
}

/** Whether an entry of TRUSTED_PROXIES / FLOOD_ALLOWLIST is an address or a CIDR block. */
export function isIpOrCidr(entry: string): boolean {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined || address === undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export interface AddressMatcher {
  /** Whether the (already parsed) address is in one of the listed addresses or blocks. */
  has(ip: string): boolean;
  readonly empty: boolean;
}

const MAX_REMEMBERED_ADDRESSES = 10_000;

/** A matcher over addresses and CIDR blocks, IPv4 and IPv6 (node's BlockList does the prefix arithmetic). */
export function createAddressMatcher(entries: readonly string[]): AddressMatcher {
  const list = new BlockList();
  for (const entry of entries) {
    if (!isIpOrCidr(entry)) throw new Error(`not an address or CIDR block: ${entry}`);
    const [raw, prefix] = entry.split('/') as [string, string | undefined];
    const address = parseIp(raw) ?? raw;
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  // BlockList.check builds a SocketAddress per call (a visible share of a cached request's CPU), and the same
  // few client addresses come back request after request: remember the answers, in a bounded map.
  const known = new Map<string, boolean>();
  return {
    has: (ip) => {
      const remembered = known.get(ip);
      if (remembered !== undefined) return remembered;
      const family = isIP(ip);
      const matched = family !== 0 && list.check(ip, family === 4 ? 'ipv4' : 'ipv6');
      if (known.size >= MAX_REMEMBERED_ADDRESSES) known.clear();
      known.set(ip, matched);
      return matched;
    },
    empty: entries.length === 0,
  };
}

export interface RequestAddressSource {
  socket: { remoteAddress?: string | undefined };
  headers: IncomingHttpHeaders;
}

/**
 * The client address of a request. The socket's peer is the client unless it is a trusted proxy; then
 * X-Forwarded-For is read from the right (each proxy appends the peer it saw), skipping trusted proxies, and
 * the first untrusted address is the client. Anything left of it was written by the client and is ignored, so
 * a spoofed header gains nothing; from an untrusted peer the header is not read at all.
 */
export function createClientIpResolver(trustedProxies: AddressMatcher): (req: RequestAddressSource) => string {
  return (req) => {
    const peer = parseIp(req.socket.remoteAddress ?? '') ?? '';
    if (trustedProxies.empty || !trustedProxies.has(peer)) return peer;
    const header = req.headers['x-forwarded-for'];
    if (header === undefined) return peer;
    const hops = (Array.isArray(header) ? header.join(',') : header).split(',');
    let client = peer;
    for (let i = hops.length - 1; i >= 0; i -= 1) {
      const hop = parseIp(hops[i] as string);
      // A malformed entry ends the trusted chain: nothing left of it can be vouched for.
      if (hop === undefined) break;
      client = hop;
      if (!trustedProxies.has(hop)) break;
    }
    return client;
  };
}
