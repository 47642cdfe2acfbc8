import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../core/project-root';

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
