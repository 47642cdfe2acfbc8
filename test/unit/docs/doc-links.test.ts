import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The README and docs/ link only to files that exist and to headings that exist, so a renamed page or section
 * breaks the tests instead of the reader's click. Links to other sites are not followed.
 */
const ROOT = resolve(__dirname, '../../..');

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

/** The pages a reader of the repository meets: the README, docs/ and the READMEs of top-level folders. */
const PAGES = [
  join(ROOT, 'README.md'),
  ...markdownFiles(join(ROOT, 'docs')),
  ...readdirSync(ROOT)
    .map((name) => join(ROOT, name, 'README.md'))
    .filter((path) => !path.includes('node_modules') && existsSync(path)),
];

/** The text outside fenced code blocks, inline code and HTML comments: what a renderer turns into links. */
function prose(markdown: string): string {
  return markdown
    .replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/`[^`\n]*`/g, '');
}

/** GitHub's heading anchors: lower case, punctuation dropped (hyphens and underscores kept), spaces → hyphens. */
function headingAnchor(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8').replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const match of text.matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = headingAnchor(match[1] as string);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    anchors.add(count === 0 ? base : `${base}-${count}`);
  }
  return anchors;
}

interface Link {
  page: string;
  target: string;
}

function relativeLinks(page: string): Link[] {
  const links: Link[] = [];
  for (const match of prose(readFileSync(page, 'utf8')).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = match[1] as string;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    links.push({ page: relative(ROOT, page), target });
  }
  return links;
}

const LINKS = PAGES.flatMap(relativeLinks);

describe('documentation links', () => {
  it('finds the pages and their links', () => {
    expect(PAGES.map((p) => relative(ROOT, p))).toEqual(expect.arrayContaining(['README.md', 'docs/README.md']));
    expect(LINKS.length).toBeGreaterThan(20);
  });

  it.each(LINKS.map((l) => [l.page, l.target] as const))('%s → %s resolves', (page, target) => {
    const [path, anchor] = target.split('#') as [string, string | undefined];
    const file = path === '' ? join(ROOT, page) : resolve(dirname(join(ROOT, page)), decodeURI(path));
    expect(existsSync(file) ? relative(ROOT, file) : `missing: ${relative(ROOT, file)}`).toBe(relative(ROOT, file));
    if (anchor !== undefined && file.endsWith('.md')) {
      expect([...anchorsOf(file)]).toContain(decodeURIComponent(anchor));
    }
  });

  it('sends no reader outside the repository for the project’s own facts', () => {
    const outside = PAGES.filter((page) => /(?:\.\.\/|\/work\/)shared\//.test(readFileSync(page, 'utf8')));
    expect(outside.map((p) => relative(ROOT, p))).toEqual([]);
  });

  it('computes anchors the way GitHub does', () => {
    expect(headingAnchor('The `Request-Security` header (optional)')).toBe('the-request-security-header-optional');
    expect(headingAnchor('Naver local search')).toBe('naver-local-search');
    expect(headingAnchor('Browsers: CSRF and CORS')).toBe('browsers-csrf-and-cors');
  });
});
