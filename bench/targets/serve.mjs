// The protocol every bench target follows: options arrive as JSON in BENCH_OPTIONS, the target reports its port
// over IPC once it listens, and it closes and exits when the parent disconnects.
export async function serve(start) {
  const options = JSON.parse(process.env.BENCH_OPTIONS ?? '{}');
  const server = await start(options);
  process.send({ port: server.port });
  process.on('disconnect', async () => {
    await server.close?.();
    process.exit(0);
  });
}
