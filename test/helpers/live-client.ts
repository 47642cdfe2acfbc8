import { createClient, type Client, type FormattedExecutionResult } from 'graphql-ws';

export type ExecutionResult = FormattedExecutionResult<Record<string, unknown>, unknown>;
import WebSocket from 'ws';

/** `http://host:port/graphql` → `ws://host:port/graphql`. */
export function wsUrlOf(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

/** One running subscription, its results kept in arrival order. */
export interface LiveSubscription {
  readonly results: ExecutionResult[];
  /** The next result not yet taken; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<ExecutionResult>;
  /** Fails if a result arrives within `ms` (or has arrived and was not taken). */
  expectNothingWithin(ms: number): Promise<void>;
  /** Settles when the server ends the subscription: the error it sent, or undefined on `complete`. */
  readonly ended: Promise<unknown>;
  stop(): void;
}

export interface LiveClient {
  client: Client;
  subscribe(query: string, variables?: Record<string, unknown>): LiveSubscription;
  /** The close event of the socket, once it closes. */
  readonly closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/** A graphql-ws client over `ws` that never retries (tests look at each close), the token in `connection_init`. */
export function liveClient(httpUrl: string, token: string | undefined): LiveClient {
  let onClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClosed = resolve));
  const client = createClient({
    url: wsUrlOf(httpUrl),
    webSocketImpl: WebSocket,
    connectionParams: token === undefined ? {} : { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        onClosed({ code, reason: String(reason) });
      },
    },
  });
  return {
    client,
    closed,
    subscribe(query, variables) {
      const results: ExecutionResult[] = [];
      let taken = 0;
      let wake: (() => void) | undefined;
      let onEnded!: (value: unknown) => void;
      const ended = new Promise<unknown>((resolve) => (onEnded = resolve));
      const stop = client.subscribe(
        { query, ...(variables ? { variables } : {}) },
        {
          next: (result) => {
            results.push(result);
            wake?.();
          },
          error: (error) => onEnded(error),
          complete: () => onEnded(undefined),
        },
      );
      const arrived = (timeoutMs: number) =>
        new Promise<boolean>((resolve) => {
          if (results.length > taken) return resolve(true);
          const timer = setTimeout(() => resolve(false), timeoutMs);
          wake = () => {
            clearTimeout(timer);
            wake = undefined;
            resolve(true);
          };
        });
      return {
        results,
        ended,
        async next(timeoutMs = 2000) {
          if (!(await arrived(timeoutMs))) throw new Error(`no result within ${timeoutMs} ms`);
          return results[taken++] as ExecutionResult;
        },
        async expectNothingWithin(ms) {
          if (await arrived(ms)) throw new Error(`unexpected result: ${JSON.stringify(results[taken])}`);
        },
        stop,
      };
    },
    dispose: () => client.dispose() as Promise<void>,
  };
}

/** A raw socket that sends `connection_init` with `payload` and reports how the server answered. */
export function rawInit(
  httpUrl: string,
  payload: Record<string, unknown> | undefined,
  headers: Record<string, string> = {},
  options: { autoPong?: boolean } = {},
): Promise<{ acked: boolean; code: number; reason: string; socket: WebSocket }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrlOf(httpUrl), 'graphql-transport-ws', { headers, ...options });
    let acked = false;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', ...(payload ? { payload } : {}) })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
        acked = true;
        resolve({ acked, code: 0, reason: '', socket });
      }
    });
    socket.on('close', (code, reason) => resolve({ acked, code, reason: String(reason), socket }));
    socket.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.on('error', reject);
  });
}

/** The value of one series on `/metrics` (`name{labels}` exactly as printed), 0 when absent. */
export async function metricValue(httpUrl: string, series: string): Promise<number> {
  const text = await (await fetch(httpUrl.replace(/\/graphql$/, '/metrics'))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.split(' ').pop()) : 0;
}

/** Running subscriptions of `field`, as `/metrics` shows them. */
export function subscriptionCount(httpUrl: string, field: string): Promise<number> {
  return metricValue(httpUrl, `gateway_subscriptions{field="${field}"}`);
}

/** Waits until `/metrics` shows `count` running subscriptions of `field` (the server registered them). */
export async function waitForSubscriptions(httpUrl: string, field: string, count: number, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while ((await subscriptionCount(httpUrl, field)) !== count) {
    if (Date.now() > deadline) throw new Error(`${field}: not ${count} subscriptions after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
