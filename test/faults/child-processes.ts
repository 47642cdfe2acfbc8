import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type JsonLine = Record<string, unknown>;

/** A spawned process whose stdout is read as JSON lines (pino logs, the service-instance protocol). */
export interface JsonLineProcess {
  child: ChildProcess;
  pid: number;
  lines: JsonLine[];
  /** Resolves with the exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** The first line (already read or still to come) that matches, or an error after `timeoutMs`. */
  waitForLine(predicate: (line: JsonLine) => boolean, timeoutMs: number, what: string): Promise<JsonLine>;
  /** SIGKILL unless it already exited, and wait for the exit (a stopped process dies from SIGKILL too). */
  kill(): Promise<void>;
}

/** Every process this suite started, so afterAll can end them all even when a test failed halfway. */
const started = new Set<JsonLineProcess>();

export function spawnJsonLines(command: string, args: string[], env: Record<string, string>): JsonLineProcess {
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: JsonLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    // Only the tail matters in an error message.
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout! }).on('line', (text) => {
    try {
      lines.push(JSON.parse(text) as JsonLine);
    } catch {
      return; // not a JSON line
    }
    for (const wake of waiters) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: JsonLineProcess = {
    child,
    pid: child.pid ?? -1,
    lines,
    exited,
    waitForLine(predicate, timeoutMs, what) {
      const found = lines.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = lines.find(predicate);
          if (line) finish(() => resolve(line));
        };
        const finish = (settle: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          settle();
        };
        const timer = setTimeout(
          () => finish(() => reject(new Error(`timed out waiting for ${what}; stderr: ${stderr}`))),
          timeoutMs,
        );
        waiters.add(check);
        void exited.then((code) =>
          finish(() => reject(new Error(`exited (${code}) before ${what}; stderr: ${stderr}`))),
        );
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  started.add(running);
  return running;
}

/** Ends every process this suite started (SIGKILL), then reports the pids that are somehow still alive. */
export async function killAllStarted(): Promise<number[]> {
  await Promise.all([...started].map((p) => p.kill()));
  const alive = [...started].map((p) => p.pid).filter((pid) => pid > 0 && isAlive(pid));
  started.clear();
  return alive;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
