// The memory an idle subscription costs the gateway (issue 22, "Done when"), measured in one run.
//
//   npm run build && node --expose-gc bench/subscription-memory.mjs [subscriptions]
//
// This process runs only the gateway; the reference services and the WebSocket clients run in child processes,
// so neither weighs on what is measured. For each layout (one subscription per socket; twenty per socket), the
// clients open `subscriptions` (default 1,000) idle `myOutingUpdated` subscriptions; the gateway's heap and RSS
// are read after forced garbage collections before, with them open, and after they closed. Not part of `npm test`.
import { createRequire } from 'node:module';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const dist = (path) => require(`../dist/${path}`);
const { createLogger } = dist('core/logger.js');
const { parseConfig, SERVICE_NAMES } = dist('core/config.js');
const { createStaticRegistry } = dist('discovery/static-registry.js');
const { createAccessTokens } = dist('core/access-tokens.js');
const SECRET = 'subscription-memory-bench-secret';
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--services') {
  const { startReferenceServices, createDefaultAdapters } = dist('reference-services/start-reference-services.js');
  const services = await startReferenceServices({
    logger: createLogger({ name: 'bench-services', level: 'silent' }),
    demoData: true,
    adapters: createDefaultAdapters(),
  });
  process.send(services.addresses);
  process.on('disconnect', () => services.close().then(() => process.exit(0)));
  await new Promise(() => {});
}

if (process.argv[2] === '--clients') {
  // Raw graphql-transport-ws sockets: connection_init, then `perSocket` subscribes; reports once all are acked.
  const { default: WebSocket } = await import('ws');
  const [url, sockets, perSocket] = [process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
  const token = createAccessTokens(SECRET).sign('student-000000000001').token;
  const open = [];
  const one = () =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      socket.on('error', reject);
      socket.on('open', () =>
        socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })),
      );
      socket.once('message', () => {
        for (let i = 0; i < perSocket; i += 1) {
          const query = 'subscription { myOutingUpdated { id status place startsAt endsAt } }';
          socket.send(JSON.stringify({ type: 'subscribe', id: String(i), payload: { query } }));
        }
        open.push(socket);
        resolve();
      });
    });
  for (let i = 0; i < sockets; i += 50) await Promise.all(Array.from({ length: Math.min(50, sockets - i) }, one));
  process.send('open');
  process.on('message', () => {
    for (const socket of open) socket.close();
    setTimeout(() => process.exit(0), 500);
  });
  await new Promise(() => {});
}

if (typeof globalThis.gc !== 'function') {
  console.error('run with --expose-gc: node --expose-gc bench/subscription-memory.mjs');
  process.exit(2);
}

const total = Number(process.argv[2] ?? 1000);
const servicesChild = fork(self, ['--services'], { stdio: 'inherit' });
const addresses = await new Promise((resolve) => servicesChild.once('message', resolve));
const config = parseConfig({
  NODE_ENV: 'production',
  JWT_SECRET_KEY: SECRET,
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  FLOOD_THRESHOLD: '0',
  SUBSCRIPTIONS_MAX_SOCKETS_PER_USER: String(total),
  SUBSCRIPTIONS_MAX_PER_USER: String(total),
  SUBSCRIPTIONS_MAX_PER_SOCKET: '20',
});
const { createGateway } = dist('src/create-gateway.js');
const gateway = await createGateway({
  config,
  logger: createLogger({ name: 'bench', level: 'silent' }),
  registry: createStaticRegistry(Object.fromEntries(SERVICE_NAMES.map((s) => [s, [addresses[s]]]))),
});
const port = await gateway.listen();
const url = `ws://127.0.0.1:${port}/graphql`;

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
async function memory() {
  for (let i = 0; i < 4; i += 1) {
    globalThis.gc();
    await settle();
  }
  const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
  return { heapUsed, rss, external, arrayBuffers };
}
async function running() {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('gateway_subscriptions{field="myOutingUpdated"}'));
  return Number(line?.split(' ').pop() ?? 0);
}
async function until(count) {
  while ((await running()) !== count) await new Promise((resolve) => setTimeout(resolve, 50));
}
async function withClients(sockets, perSocket) {
  const clients = fork(self, ['--clients', url, String(sockets), String(perSocket)], { stdio: 'inherit' });
  await new Promise((resolve) => clients.once('message', resolve));
  await until(sockets * perSocket);
  const open = await memory();
  clients.send('close');
  await new Promise((resolve) => clients.once('exit', resolve));
  await until(0);
  return open;
}

// Warm-up: the first sockets and subscriptions pay for code and caches that later ones share.
await withClients(20, 2);
const layouts = [
  { name: 'one subscription per socket', sockets: total, perSocket: 1 },
  { name: 'twenty subscriptions per socket', sockets: Math.ceil(total / 20), perSocket: 20 },
];
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
console.log(`Node ${process.version}; ${total} idle subscriptions per layout`);
for (const layout of layouts) {
  const before = await memory();
  const open = await withClients(layout.sockets, layout.perSocket);
  const after = await memory();
  const count = layout.sockets * layout.perSocket;
  console.log(
    `${layout.name} (${layout.sockets} sockets): ` +
      `heap +${kib((open.heapUsed - before.heapUsed) / count)}, ` +
      `external+buffers +${kib((open.external - before.external) / count)}, ` +
      `RSS +${kib((open.rss - before.rss) / count)} per subscription; ` +
      `heap after closing ${kib(after.heapUsed - before.heapUsed)} above the start`,
  );
}
await gateway.close();
servicesChild.disconnect();
