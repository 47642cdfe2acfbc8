// `npm run build`, after tsc: bundles the offline explorer (GraphiQL 5 and its Monaco editor, from npm) with
// esbuild into dist/graphiql/, so that GET /graphiql needs nothing but the gateway (no CDN, no web fonts).
// Output: assets/ (content-hashed files, each with a .gz twin) and manifest.json, which the gateway reads.
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'dist/graphiql');
const ASSETS = join(OUT, 'assets');

// The workers come from the same monaco-editor and monaco-graphql copies GraphiQL itself imports.
const fromGraphiQL = createRequire(createRequire(import.meta.url).resolve('@graphiql/react/package.json'));
const WORKER_ENTRIES = {
  editor: fromGraphiQL.resolve('monaco-editor/esm/vs/editor/editor.worker.js'),
  json: fromGraphiQL.resolve('monaco-editor/esm/vs/language/json/json.worker.js'),
  graphql: fromGraphiQL.resolve('monaco-graphql/esm/graphql.worker.js'),
};

const common = {
  bundle: true,
  minify: true,
  outdir: ASSETS,
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  logLevel: 'warning',
  target: ['chrome111', 'edge111', 'firefox111', 'safari16.4'],
  define: { 'process.env.NODE_ENV': '"production"' },
};

/** The names of the files one esbuild run wrote into assets/. */
function outputsOf(result) {
  return Object.keys(result.metafile.outputs).map((file) => basename(file));
}

await rm(OUT, { recursive: true, force: true });
await mkdir(ASSETS, { recursive: true });

// Workers first: the page's script names them, so their hashes feed into its own.
const workerBuild = await build({
  ...common,
  entryPoints: Object.fromEntries(Object.entries(WORKER_ENTRIES).map(([label, path]) => [`${label}.worker`, path])),
  format: 'iife',
});
const workers = Object.fromEntries(
  outputsOf(workerBuild).map((file) => [file.slice(0, file.indexOf('.worker')), `./${file}`]),
);

const pageBuild = await build({
  ...common,
  entryPoints: { explorer: join(ROOT, 'scripts/graphiql/explorer.js') },
  format: 'esm',
  define: { ...common.define, __MONACO_WORKERS__: JSON.stringify(workers) },
  loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
});

const files = [...outputsOf(workerBuild), ...outputsOf(pageBuild)];
const pageFile = (extension) => files.find((file) => file.startsWith('explorer-') && extname(file) === extension);
// Precompressed once here, so serving costs no CPU (the page script is megabytes; gzip takes it to about a quarter).
for (const file of files) {
  await writeFile(join(ASSETS, `${file}.gz`), gzipSync(await readFile(join(ASSETS, file))));
}
const manifest = { script: pageFile('.js'), style: pageFile('.css'), files: files.sort() };
await writeFile(join(OUT, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
