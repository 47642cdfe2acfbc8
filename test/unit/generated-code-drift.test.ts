import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('generated code', () => {
  let base: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'generated-'));
    execFileSync('node', [join(root, 'scripts/generate.mjs'), base], { cwd: root, stdio: 'pipe' });
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it.each(['grpc-clients/generated', 'resolvers/generated'])(
    '%s is what `npm run generate` makes (run it and commit the result when this fails)',
    (folder) => {
      const committedDir = join(root, folder);
      const freshDir = join(base, folder);
      const committed = listFiles(committedDir)
        .map((f) => relative(committedDir, f))
        .sort();
      const fresh = listFiles(freshDir)
        .map((f) => relative(freshDir, f))
        .sort();
      expect(committed).toEqual(fresh);
      for (const file of fresh) {
        expect({ file, text: readFileSync(join(committedDir, file), 'utf8') }).toEqual({
          file,
          text: readFileSync(join(freshDir, file), 'utf8'),
        });
      }
    },
  );
});
