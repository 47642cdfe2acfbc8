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

/**
 * `count` distinct ports that were free a moment ago: held open together while they are chosen, since a port
 * closed and asked for again may come straight back (two consecutive `freePort()` calls can return one port).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => {
    const address = server.address();
    return typeof address === 'object' && address ? address.port : 0;
  });
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
