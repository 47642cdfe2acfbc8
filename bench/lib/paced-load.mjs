// Fixed-rate load, open loop: request i is due at start + i / rate, whatever the answers before it did, and its
// latency counts from that due time (coordinated-omission correction: a stalled target or a late generator shows
// as latency, not as fewer requests). Why not autocannon's rate mode: each of its connections sends its quota for
// the second back to back, as fast as the target answers, then waits for the next second (mcollina/autocannon#174:
// "50 requests in 100 ms then 900 ms of nothing"), so "80% load" was a saturating burst for most of every second
// and the tails measured were the burst's queue. Here requests leave in a tick of ≈ 1 ms, each one counted from its
// own due time (so a request waits up to a tick before it leaves, and that wait is in its latency).
//
// The client is kept cheap so that it is not the tail it measures: keep-alive sockets opened before the clock
// starts, requests written as bytes, answers parsed by http-parser-js (autocannon's own parser), one request in
// flight per socket; a request due while every socket is busy opens another (up to a cap; a fixed pool of 64 made
// the client the bottleneck wherever the target's latency times the rate passed 64, so its queue, not the
// target's, grew without bound).
import net from 'node:net';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { busyShare, cpuSecondsOf, cpuTimes, memoryOf } from './processes.mjs';

const fromAutocannon = createRequire(createRequire(import.meta.url).resolve('autocannon'));
const { HTTPParser } = fromAutocannon('http-parser-js');

let sequence = 1e9; // apart from load.mjs' sequence, so no run repeats another's requests

/** One request as bytes on the wire (HTTP/1.1, keep-alive). */
function requestBytes(port, { method = 'GET', path, headers = {}, body }) {
  const all = { host: `127.0.0.1:${port}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers };
  let head = `${method} ${path} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(all)) head += `${name}: ${value}\r\n`;
  const payload = body ? Buffer.from(body) : undefined;
  if (payload || method !== 'GET') head += `content-length: ${payload?.length ?? 0}\r\n`;
  head += '\r\n';
  return payload ? Buffer.concat([Buffer.from(head), payload]) : Buffer.from(head);
}

/** A keep-alive connection that reports each complete answer with its status. */
function openConnection(port, onAnswer, onFailure) {
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  const parser = new HTTPParser(HTTPParser.RESPONSE);
  const connection = { socket, job: undefined, status: 0, dead: false };
  parser[HTTPParser.kOnHeaders] = () => {};
  parser[HTTPParser.kOnHeadersComplete] = (info, ...rest) => {
    connection.status = typeof info === 'object' ? info.statusCode : rest[4];
    // `Connection: close`: the server ends this socket after the answer; nothing more is sent on it.
    if (!(typeof info === 'object' ? info.shouldKeepAlive : rest[7])) connection.dead = true;
  };
  parser[HTTPParser.kOnBody] = () => {};
  parser[HTTPParser.kOnMessageComplete] = () => {
    const { job } = connection;
    connection.job = undefined;
    if (job) onAnswer(connection, job, connection.status);
  };
  socket.on('data', (chunk) => {
    // A malformed answer fails its request and the socket (another replaces it).
    if (parser.execute(chunk) instanceof Error) socket.destroy();
  });
  // An answer delimited by the end of the connection completes here.
  socket.on('end', () => parser.finish());
  socket.on('error', () => {});
  socket.on('close', () => {
    connection.dead = true;
    onFailure(connection);
  });
  const ready = new Promise((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { connection, ready };
}

/**
 * @param {object} o
 * @param {{ port: number, pid: number }} o.target
 * @param {(i: number) => { method?: string, path: string, headers?: object, body?: string, expect: number }} o.next
 * @param {number} o.seconds      how long requests are sent
 * @param {number} o.rate         requests per second
 * @param {number} [o.connections] sockets opened before the clock starts
 * @param {number} [o.maxConnections] most sockets: a request due while every socket is busy opens another (its
 *   connect counts in its latency), so the client's own pool never holds back a target that keeps up; past this
 *   many the request waits for a free one (and that wait counts)
 */
export async function runPaced({ target, next, seconds, rate, connections = 64, maxConnections = 1024 }) {
  const total = Math.max(1, Math.round(rate * seconds));
  const interval = 1000 / rate;
  const latencies = new Float64Array(total);
  const statusOf = new Uint16Array(total);
  const lags = new Float64Array(total);
  const statuses = {};
  const expected = {};
  const idle = [];
  const waiting = [];
  let waitingAt = 0;
  let completed = 0;
  let errors = 0;
  let settled = 0;
  let lastEnd = 0;
  let closing = false;
  let resolveAll;
  const allSettled = new Promise((resolve) => (resolveAll = resolve));
  const settle = () => {
    settled += 1;
    if (settled === total) resolveAll();
  };
  const dispatch = (connection, job) => {
    connection.job = job;
    connection.socket.write(job.bytes);
  };
  /** Gives a free connection the next waiting request, or puts it back among the idle ones. */
  const release = (connection) => {
    if (waitingAt < waiting.length) dispatch(connection, waiting[waitingAt++]);
    else idle.push(connection);
  };
  const onAnswer = (connection, job, status) => {
    const end = performance.now();
    latencies[completed] = end - job.due;
    statusOf[completed] = status;
    completed += 1;
    lastEnd = end;
    statuses[status] = (statuses[status] ?? 0) + 1;
    settle();
    // An answer may close its connection (`Connection: close`): the close replaces it.
    if (!connection.dead) release(connection);
  };
  const all = [];
  const open = () => {
    const { connection, ready } = openConnection(target.port, onAnswer, onFailure);
    all.push(connection);
    return ready.then(() => connection);
  };
  // A socket the target closed (its keep-alive timeout, a drain, a failure): its request failed, it leaves the
  // idle ones, and a new one takes its place, so the run keeps its number of connections.
  function onFailure(connection) {
    if (closing) return;
    const at = idle.indexOf(connection);
    if (at >= 0) idle.splice(at, 1);
    if (connection.job) {
      connection.job = undefined;
      errors += 1;
      settle();
    }
    open().then(release, () => {});
  }
  for (const connection of await Promise.all(Array.from({ length: connections }, open))) idle.push(connection);

  const cpuBefore = cpuSecondsOf(target.pid);
  const loadCoreBefore = cpuTimes(0);
  const start = performance.now() + 5;
  let sent = 0;
  const tick = () => {
    const now = performance.now();
    while (sent < total && start + sent * interval <= now) {
      const spec = next(sequence++);
      expected[spec.expect] = (expected[spec.expect] ?? 0) + 1;
      const job = { due: start + sent * interval, bytes: requestBytes(target.port, spec) };
      lags[sent] = now - job.due;
      const connection = idle.pop();
      if (connection) dispatch(connection, job);
      else {
        waiting.push(job);
        if (all.length < maxConnections) open().then(release, () => {});
      }
      sent += 1;
    }
    if (sent < total) setTimeout(tick, 1);
  };
  setTimeout(tick, 5);
  // Answers still missing 10 s after the last request was due count as timeouts.
  const timedOut = await Promise.race([
    allSettled.then(() => false),
    new Promise((resolve) => setTimeout(() => resolve(true), seconds * 1000 + 10_000).unref()),
  ]);

  const cpuSeconds = cpuSecondsOf(target.pid) - cpuBefore;
  const loadCoreBusy = busyShare(loadCoreBefore, cpuTimes(0));
  closing = true;
  for (const connection of all) connection.socket.destroy();
  const elapsed = Math.max(seconds, (lastEnd - start) / 1000);
  const answered = latencies.slice(0, completed).sort();
  const lagSorted = lags.subarray(0, sent).sort();
  const at = (values, q) =>
    values.length === 0 ? 0 : values[Math.min(values.length - 1, Math.floor(q * values.length))];
  const round = (ms) => Math.round(ms * 100) / 100;
  return {
    connections,
    rps: completed / elapsed,
    rpsPerCore: cpuSeconds > 0 ? completed / cpuSeconds : 0,
    cpuShare: cpuSeconds / elapsed,
    completed,
    latency: {
      p50: round(at(answered, 0.5)),
      p90: round(at(answered, 0.9)),
      p99: round(at(answered, 0.99)),
      max: round(answered[answered.length - 1] ?? 0),
    },
    // Per status (a shedding target answers 503s fast, and their latency would hide the admitted ones').
    latencyByStatus: Object.fromEntries(
      Object.keys(statuses).map((status) => {
        const own = latencies
          .subarray(0, completed)
          .filter((_, i) => statusOf[i] === Number(status))
          .sort();
        return [status, { p50: round(at(own, 0.5)), p99: round(at(own, 0.99)), max: round(own[own.length - 1] ?? 0) }];
      }),
    ),
    // How late requests left against their due time: the generator's own share of the latency above.
    sendLag: { p50: round(at(lagSorted, 0.5)), p99: round(at(lagSorted, 0.99)) },
    statuses,
    expected,
    errors,
    timeouts: timedOut ? total - settled : 0,
    loadCoreBusy,
    ...memoryOf(target.pid),
  };
}
