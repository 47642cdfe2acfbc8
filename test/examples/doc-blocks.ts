/**
 * Reading the runnable examples out of a markdown page, and judging what they answered. The markers a page uses:
 *
 * - `<!-- examples-test: skip (why) -->` on the line before a fence: the block is not run (it starts a process,
 *   needs a setting the embedded gateway lacks, takes minutes…); the reason is required.
 * - `# as <login id>` (or `# as anyone`) in a GraphQL block: whose token the operation is sent with.
 * - `# expect <CODE>` in any block: the example shows a refusal with that `extensions.code`;
 *   `# expect <CODE> in the last minute before midnight KST` allows it only then (and no error otherwise).
 */
export interface DocBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: 'sh' | 'graphql';
  code: string;
  /** The reason given in a skip marker. */
  skip?: string;
}

export interface Expectation {
  code: string;
  onlyNearKstMidnight: boolean;
}

const SKIP = /^<!--\s*examples-test:\s*skip\s*\((.+)\)\s*-->$/;

/** The ```sh and ```graphql blocks of a page, in order, with their skip markers. */
export function extractBlocks(file: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const open = /^(`{3,})(\w*)\s*$/.exec(lines[i] as string);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1] as string));
    const close = end === -1 ? lines.length : end;
    const lang = open[2];
    if (lang === 'sh' || lang === 'graphql') {
      let before = i - 1;
      while (before >= 0 && (lines[before] as string).trim() === '') before -= 1;
      const skip = before >= 0 ? SKIP.exec((lines[before] as string).trim())?.[1] : undefined;
      blocks.push({
        file,
        line: i + 1,
        lang,
        code: lines.slice(i + 1, close).join('\n'),
        ...(skip ? { skip } : {}),
      });
    }
    i = close;
  }
  return blocks;
}

/** `# as <who>` of a GraphQL block, or undefined when it names nobody. */
export function accountOf(block: DocBlock): string | undefined {
  return /^#\s*as\s+(\S+)/m.exec(block.code)?.[1];
}

export function expectationsOf(block: DocBlock): Expectation[] {
  return [...block.code.matchAll(/^\s*#\s*expect\s+([A-Z_]+)(.*)$/gm)].map((m) => ({
    code: m[1] as string,
    onlyNearKstMidnight: /in the last minute before midnight KST/.test(m[2] as string),
  }));
}

const KST_OFFSET_MS = 9 * 3600_000;
const DAY_MS = 86_400_000;

/** True within `marginMs` before 00:00 KST. */
export function isNearKstMidnight(nowMs: number, marginMs: number): boolean {
  const intoKstDay = (nowMs + KST_OFFSET_MS) % DAY_MS;
  return DAY_MS - intoKstDay <= marginMs;
}

/** The JSON objects among the output lines: GraphQL responses and REST envelopes. */
export function answersOf(output: string): Array<Record<string, unknown>> {
  return output.split('\n').flatMap((line) => {
    const text = line.trim();
    if (!text.startsWith('{')) return [];
    try {
      return [JSON.parse(text) as Record<string, unknown>];
    } catch {
      return [{ unparsable: text.slice(0, 200) }];
    }
  });
}

/**
 * What is wrong with a block's answers: a GraphQL error or a REST status ≥ 400 nobody expected, or an expected
 * refusal that did not come. `nearKstMidnight` says whether the conditional expectations allow their refusal.
 */
export function problemsOf(
  answers: Array<Record<string, unknown>>,
  expectations: Expectation[],
  nearKstMidnight: boolean,
): string[] {
  const expected = expectations.filter((e) => !e.onlyNearKstMidnight).map((e) => e.code);
  // Near midnight the refusal may or may not come (the example's start may still fall on the same KST day).
  const allowed = [
    ...expected,
    ...expectations.filter((e) => e.onlyNearKstMidnight && nearKstMidnight).map((e) => e.code),
  ];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const answer of answers) {
    if ('unparsable' in answer) problems.push(`an answer that is not JSON: ${String(answer.unparsable)}`);
    const errors = Array.isArray(answer.errors) ? (answer.errors as Array<Record<string, unknown>>) : [];
    for (const error of errors) {
      const code = String((error.extensions as Record<string, unknown> | undefined)?.code ?? 'no code');
      seen.add(code);
      if (!allowed.includes(code)) problems.push(`unexpected ${code}: ${String(error.message)}`);
    }
    if (typeof answer.status === 'number' && answer.status >= 400 && !('data' in answer)) {
      problems.push(`REST ${answer.status} (code ${String(answer.code)}): ${String(answer.message)}`);
    }
  }
  for (const code of expected) if (!seen.has(code)) problems.push(`expected ${code}, got no such error`);
  return problems;
}
