import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_ACCOUNTS } from '../../reference-services/demo-data';
import { freePort } from '../helpers/free-port';
import {
  accountOf,
  answersOf,
  expectationsOf,
  extractBlocks,
  isNearKstMidnight,
  problemsOf,
  type DocBlock,
} from './doc-blocks';

/**
 * The examples of the README and of the pages below work: every ```sh and ```graphql block is run against the
 * gateway a reader gets from `npm start` on a fresh clone, and must answer without errors (or with the error the
 * block says it shows). So a broken example fails `npm test`.
 *
 * The gateway is the built entry point, `node dist/src/main.js` (`npm run build` first: `npm run test:examples`
 * does), with an environment as empty as a fresh clone's: no NODE_ENV, so the development defaults `npm start`
 * runs with (the examples are written for it: the development token secret, Sandbox on), no Redis, no Consul, so
 * the five reference services run embedded with the demo data. Only PORT (a free one) and HOST (loopback) are set;
 * `localhost:4000` in the examples is rewritten to that address.
 *
 * Shell blocks of one page run in order in one bash (`set -euo pipefail`), as a reader pastes them into one
 * terminal, so a variable set in one block is there in the next; `curl` prints a newline after each answer so
 * each answer is a line. GraphQL blocks are sent as they are with the token of the account their `# as` line
 * names. Markers: test/examples/doc-blocks.ts.
 */
const ROOT = join(__dirname, '../..');
const PAGES = ['README.md', 'docs/graphql-api.md', 'docs/legacy-rest.md', 'docs/observability.md'];
const MAIN = join(ROOT, 'dist/src/main.js');

const BLOCKS = PAGES.flatMap((page) => extractBlocks(page, readFileSync(join(ROOT, page), 'utf8')));
const where = (b: DocBlock) => `${b.file}:${b.line}`;

/** Through 2 minutes before 00:00 KST, an example creating an outing "in a minute" may be refused. */
const MIDNIGHT_MARGIN_MS = 120_000;

let gateway: ChildProcess | undefined;
let base = '';

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`the gateway was not ready at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts the built gateway on a free port and waits until it is ready; rejects if it exits first. */
async function startGateway(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  let stderr = '';
  gateway = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  gateway.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<never>((_, reject) =>
    gateway?.once('exit', (code) => reject(new Error(`the gateway exited (${code}) before it was ready: ${stderr}`))),
  );
  await Promise.race([waitUntilReady(`${base}/readyz`, 30_000), exited]);
}

beforeAll(async () => {
  if (!existsSync(MAIN))
    throw new Error('dist/src/main.js is missing: run `npm run build` (npm run test:examples does)');
  // The port is free when chosen, but the embedded reference services bind ports of their own (port 0) before the
  // gateway listens, and the kernel may hand one of them that same port (seen once: EADDRINUSE): try another.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await startGateway();
      return;
    } catch (error) {
      if (attempt >= 3 || !String(error).includes('EADDRINUSE')) throw error;
    }
  }
}, 100_000);

afterAll(async () => {
  const child = gateway;
  if (!child || child.exitCode !== null) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exit;
  clearTimeout(killer);
});

function bash(script: string): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-c', script],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, timeout: 60_000 },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr }),
    );
  });
}

/** Runs shell blocks in one bash and returns each block's output (blocks after a failing one have none). */
async function runShell(blocks: DocBlock[]) {
  const script = [
    'set -euo pipefail',
    'curl() { command curl --max-time 10 "$@"; echo; }',
    ...blocks.flatMap((b, i) => [`echo '@@block ${i}'`, b.code.replaceAll('localhost:4000', base.slice(7))]),
  ].join('\n');
  const run = await bash(script);
  const outputs = run.stdout.split(/^@@block \d+$/m).slice(1);
  return { ...run, outputs };
}

async function graphql(query: string, token?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as Record<string, unknown>;
}

const LOGIN_FIELD = { admin: 'loginAdmin', teacher: 'loginTeacher', student: 'loginStudent', parent: 'loginParent' };
const tokens = new Map<string, string>();

async function tokenOf(loginId: string): Promise<string | undefined> {
  if (loginId === 'anyone') return undefined;
  const account = Object.values(DEMO_ACCOUNTS).find((a) => a.id === loginId);
  if (!account) throw new Error(`# as ${loginId}: not a demo account`);
  const known = tokens.get(loginId);
  if (known) return known;
  const field = LOGIN_FIELD[account.uuid.split('-')[0] as keyof typeof LOGIN_FIELD];
  const reply = await graphql(
    `mutation { ${field}(id: "${account.id}", password: "${account.password}") { accessToken } }`,
  );
  const token = (reply.data as Record<string, { accessToken: string }>)[field]?.accessToken as string;
  tokens.set(loginId, token);
  return token;
}

describe('documentation examples', () => {
  it('marks every block: run, or skipped with a reason; GraphQL blocks name whose token they need', () => {
    expect(BLOCKS.filter((b) => !b.skip).length).toBeGreaterThan(10);
    const unnamed = BLOCKS.filter((b) => b.lang === 'graphql' && !b.skip && accountOf(b) === undefined);
    expect(unnamed.map(where)).toEqual([]);
  });

  describe.each(PAGES)('%s', (page) => {
    const shell = BLOCKS.filter((b) => b.file === page && b.lang === 'sh' && !b.skip);
    const operations = BLOCKS.filter((b) => b.file === page && b.lang === 'graphql' && !b.skip);

    if (shell.length > 0) {
      it(`runs its ${shell.length} shell example(s) in order, each answering as documented`, async () => {
        const nearMidnight = isNearKstMidnight(Date.now(), MIDNIGHT_MARGIN_MS);
        const run = await runShell(shell);
        const report = shell.map((block, i) => {
          const output = run.outputs[i];
          if (output === undefined) return { at: where(block), problems: ['did not run (an earlier block failed)'] };
          const failedHere = run.status !== 0 && i === run.outputs.length - 1;
          const problems = problemsOf(answersOf(output), expectationsOf(block), nearMidnight);
          if (failedHere) problems.push(`exited ${run.status}: ${run.stderr.trim().slice(-500)}`);
          return { at: where(block), problems };
        });
        expect(report.filter((r) => r.problems.length > 0)).toEqual([]);
      }, 60_000);
    }

    if (operations.length > 0) {
      it.each(operations.map((b) => [where(b), b] as const))('runs the GraphQL example at %s', async (_at, block) => {
        const reply = await graphql(block.code, await tokenOf(accountOf(block) as string));
        const problems = problemsOf([reply], expectationsOf(block), false);
        if (!reply.errors) expect(reply.data).toEqual(expect.any(Object));
        expect(problems).toEqual([]);
      });
    }
  });

  // The judge can fail: the mistakes the README once had are caught.
  describe('catches a broken example', () => {
    const block = (lang: 'sh' | 'graphql', code: string): DocBlock => ({ file: 'test', line: 1, lang, code });

    it('a raw line break inside a JSON string (400)', async () => {
      const run = await runShell([
        block(
          'sh',
          `curl -s localhost:4000/graphql -H 'content-type: application/json' -d '{"query":\n"{ me {\n id } }"}'`,
        ),
      ]);
      expect(problemsOf(answersOf(run.outputs[0] ?? ''), [], false)).toEqual([
        expect.stringMatching(/^unexpected BAD_USER_INPUT/),
      ]);
    });

    it('a timetable day outside the demo data (NOT_FOUND)', async () => {
      const reply = await graphql(
        '{ timetable(date: "2001-11-25", days: 5) { date periods } }',
        await tokenOf('student1'),
      );
      expect(problemsOf([reply], [], false)).toEqual([expect.stringMatching(/^unexpected NOT_FOUND/)]);
    });

    it('a refusal the example promises that does not come', () => {
      const expectations = expectationsOf(block('graphql', '# as teacher1\n# expect CONFLICT\n{ me { id } }'));
      expect(problemsOf([{ data: { me: null } }], expectations, false)).toEqual([
        'expected CONFLICT, got no such error',
      ]);
    });

    it('a failing command in a shell example', async () => {
      const run = await runShell([block('sh', `curl -s localhost:4000/nowhere | grep -q pong`)]);
      expect(run.status).not.toBe(0);
    });
  });
});
