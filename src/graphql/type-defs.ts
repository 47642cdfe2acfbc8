import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project root: where package.json is, from `src/` in tests and from `dist/src/` when built. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

function listGraphql(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return listGraphql(path);
      return name.endsWith('.graphql') ? [path] : [];
    });
}

/** Every `schema/**\/*.graphql` file, in a stable order (the same files codegen reads). */
export function loadTypeDefs(): string[] {
  return listGraphql(join(projectRoot(__dirname), 'schema')).map((file) => readFileSync(file, 'utf8'));
}
