import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface SlowLinkProxy {
  /** `127.0.0.1:<port>`: register this address instead of the target's so callers go through the link. */
  address: string;
  port: number;
  /** Added delay of every chunk, each way, from now on (0 = a plain pipe). Order is kept. */
  setLatency(ms: number): void;
  /** Resets every live connection (both sides), as a broken link would; new connections are accepted. */
  dropConnections(): number;
  /** Connections accepted since start. */
  readonly accepted: number;
  close(): Promise<void>;
}

/**
 * Copies `from` to `to` holding every chunk for the latency in force when it arrived. One promise chain per
 * direction keeps the order; chunks that arrive together leave together (a slow link, not a narrow one).
 */
function delayedPipe(from: Socket, to: Socket, latency: () => number): void {
  let chain = Promise.resolve();
  from.on('data', (chunk: Buffer) => {
    const delay = latency();
    if (delay <= 0) {
      chain = chain.then(() => void (to.destroyed || to.write(chunk)));
      return;
    }
    const due = Date.now() + delay;
    chain = chain
      .then(() => new Promise<void>((resolve) => setTimeout(resolve, due - Date.now())))
      .then(() => void (to.destroyed || to.write(chunk)));
  });
  // A half that ends or breaks takes the whole connection with it, once what is queued has been sent.
  from.on('end', () => void chain.then(() => to.end()));
  from.on('error', () => to.destroy());
  from.on('close', () => void chain.then(() => to.destroy()));
}

/**
 * A loopback TCP proxy in front of one target, for fault scenarios: it adds latency per chunk and can cut every
 * live connection at once. Listens on port 0 unless `port` is given.
 */
export async function startSlowLinkProxy(target: { host: string; port: number }, port = 0): Promise<SlowLinkProxy> {
  let latencyMs = 0;
  let accepted = 0;
  const live = new Set<Socket>();
  const track = (socket: Socket) => {
    live.add(socket);
    socket.once('close', () => live.delete(socket));
  };
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = createConnection(target);
    track(client);
    track(upstream);
    delayedPipe(client, upstream, () => latencyMs);
    delayedPipe(upstream, client, () => latencyMs);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    address: `127.0.0.1:${bound}`,
    port: bound,
    setLatency(ms) {
      latencyMs = ms;
    },
    dropConnections() {
      const count = live.size;
      // An RST rather than a FIN: the peers learn of the break the way a dead link tells them.
      for (const socket of [...live]) socket.resetAndDestroy();
      return count;
    },
    get accepted() {
      return accepted;
    },
    close() {
      for (const socket of [...live]) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
