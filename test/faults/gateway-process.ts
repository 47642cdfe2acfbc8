import { join } from 'node:path';
import { spawnJsonLines, type JsonLine, type JsonLineProcess } from './child-processes';

const ROOT = join(__dirname, '../..');
const SETTLE = join(__dirname, 'settle-on-signal.js');

/** One upstream attempt as the gateway's request log line records it. */
export interface UpstreamAttempt {
  service: string;
  rpc: string;
  instance: string;
  outcome: string;
  duration_ms: number;
}

/** The gateway's access log line of one request. */
export interface RequestLogLine {
  requestId: string;
  status: number;
  errorCode?: string;
  upstream: UpstreamAttempt[];
  endedAt: number;
  latencyMs: number;
  aborted: boolean;
}

/** What `/metrics` says about the process, after a forced garbage collection. */
export interface ProcessFigures {
  rssBytes: number;
  heapUsedBytes: number;
  handles: number;
  handlesByType: Record<string, number>;
}

export interface GatewayProcess {
  process: JsonLineProcess;
  base: string;
  /** The access log lines read so far, by request id. */
  requestLog(): Map<string, RequestLogLine>;
  /** Log lines whose message matches, with their time. */
  events(message: RegExp): Array<{ at: number; line: JsonLine }>;
  readyz(): Promise<{ status: number; body: Readyz }>;
  settledFigures(): Promise<ProcessFigures>;
  sigterm(): void;
}

export interface Readyz {
  ready?: boolean;
  draining?: boolean;
  discovery?: { reachable: boolean };
  upstreams?: Record<string, { instances: Array<{ id: string; address: string; breaker: string }> }>;
  cache?: { status: string; healthy: boolean };
}

/**
 * The built gateway (`dist/src/main.js`) as a child process, logging at info so every request's line (status,
 * error code, upstream attempts with their instance and outcome) can be read back. `--expose-gc` and the settle
 * preload only add a SIGUSR2 handler that runs a full GC before memory is measured.
 */
export async function startGatewayProcess(port: number, env: Record<string, string>): Promise<GatewayProcess> {
  const process = spawnJsonLines(
    globalThis.process.execPath,
    ['--expose-gc', '-r', SETTLE, join(ROOT, 'dist/src/main.js')],
    // As production runs it (a test-only NODE_ENV once hid that production did not drain on SIGTERM).
    { NODE_ENV: 'production', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', ...env },
  );
  await process.waitForLine((l) => l.message === 'gateway listening', 30_000, 'the gateway to listen');
  const base = `http://127.0.0.1:${port}`;

  const parsed = new Map<string, RequestLogLine>();
  let read = 0;
  const requestLog = () => {
    for (; read < process.lines.length; read += 1) {
      const line = process.lines[read] as AccessLine;
      if (line.event?.action !== 'http-request') continue;
      const id = line.http?.request?.id;
      if (!id) continue;
      parsed.set(id, {
        requestId: id,
        status: line.http?.response?.status_code ?? 0,
        ...(line.gateway?.error_code ? { errorCode: line.gateway.error_code } : {}),
        upstream: line.gateway?.upstream ?? [],
        endedAt: Date.parse(line['@timestamp'] ?? ''),
        latencyMs: line.gateway?.latency_ms ?? 0,
        aborted: line.gateway?.aborted === true,
      });
    }
    return parsed;
  };

  return {
    process,
    base,
    requestLog,
    events: (message) =>
      process.lines
        .filter((l) => typeof l.message === 'string' && message.test(l.message))
        .map((line) => ({ at: Date.parse(String(line['@timestamp'])), line })),
    async readyz() {
      const res = await fetch(`${base}/readyz`);
      return { status: res.status, body: (await res.json()) as Readyz };
    },
    async settledFigures() {
      process.child.kill('SIGUSR2');
      await new Promise((resolve) => setTimeout(resolve, 500));
      return parseFigures(await (await fetch(`${base}/metrics`)).text());
    },
    sigterm() {
      process.child.kill('SIGTERM');
    },
  };
}

interface AccessLine {
  '@timestamp'?: string;
  event?: { action?: string };
  http?: { request?: { id?: string }; response?: { status_code?: number } };
  gateway?: { error_code?: string; upstream?: UpstreamAttempt[]; latency_ms?: number; aborted?: boolean };
}

/** prom-client's default process metrics, read from the Prometheus text. */
export function parseFigures(text: string): ProcessFigures {
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const handlesByType: Record<string, number> = {};
  for (const match of text.matchAll(/^nodejs_active_handles\{type="([^"]+)"\} (\S+)$/gm)) {
    handlesByType[match[1] as string] = Number(match[2]);
  }
  return {
    rssBytes: value('process_resident_memory_bytes'),
    heapUsedBytes: value('nodejs_heap_size_used_bytes'),
    handles: value('nodejs_active_handles_total'),
    handlesByType,
  };
}
