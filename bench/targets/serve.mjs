// The protocol every bench target follows: options arrive as JSON in BENCH_OPTIONS, the target reports its port
// over IPC once it listens, and it closes and exits when the parent disconnects.
import http from 'node:http';

export async function serve(start) {
  const options = JSON.parse(process.env.BENCH_OPTIONS ?? '{}');
  const server = await start(options);
  process.send({ port: server.port });
  process.on('disconnect', async () => {
    await server.close?.();
    process.exit(0);
  });
}

/**
 * A node:http server for `listener` on 127.0.0.1 (port 0), as a target's `{ port, close }`: close ends the open
 * connections, then runs `cleanups` (Apollo's stop, Redis clients, …) in order.
 */
export async function serveLocal(listener, ...cleanups) {
  const server = http.createServer(listener);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: server.address().port,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      for (const cleanup of cleanups) await cleanup();
    },
  };
}
