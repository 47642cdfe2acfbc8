#!/usr/bin/env node
// Rebuilds grpc-clients/generated/ from protos/ with ts-proto through buf (both from npm, no protoc needed).
// `node scripts/generate.mjs <baseDir>` writes <baseDir>/grpc-clients/generated instead; the drift test uses it.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const base = resolve(process.argv[2] ?? root);

rmSync(resolve(base, 'grpc-clients/generated'), { recursive: true, force: true });
execFileSync(resolve(root, 'node_modules/.bin/buf'), ['generate', '--template', 'buf.gen.yaml', '-o', base], {
  cwd: root,
  stdio: 'inherit',
});
