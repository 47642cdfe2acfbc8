import { createServer } from 'node:net';

/**
 * Where `freePort` looks: below Linux's ephemeral range (32768–60999), which the kernel hands out as the local
 * port of outgoing connections. A port chosen inside it and bound only seconds later (a process started at a
 * fixed address) could be taken meanwhile by any connection the test makes: the faults suite once failed whole
 * with EADDRINUSE that way.
 */
const FIXED_PORTS = { from: 20_000, to: 32_000 };

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A TCP port that was free a moment ago on 127.0.0.1 (for tools that cannot bind port 0 themselves). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = FIXED_PORTS.from + Math.floor(Math.random() * (FIXED_PORTS.to - FIXED_PORTS.from));
    if (await isFree(port)) return port;
  }
  throw new Error(`no free port between ${FIXED_PORTS.from} and ${FIXED_PORTS.to}`);
}

/** `count` distinct ports that were free a moment ago, from the same range as `freePort`. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}
