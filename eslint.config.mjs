// Lint config: typescript-eslint recommended rules, and the layers; generated code is never linted.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, lowest first: a folder may import its own layer and the ones below, never one above. `src/` is the
// composition root (nothing imports it but `import type` of the context type); `health-checker/` runs standalone
// on `core/` alone; `reference-services/` are stand-ins the gateway never imports (src/main.ts loads them by
// dynamic `import()` in the embedded mode, which this rule does not see, on purpose).
const LAYERS = [
  ['core'],
  ['discovery', 'resilience'],
  ['http', 'grpc-clients', 'cache', 'traffic'],
  ['rest', 'resolvers', 'permissions', 'directives', 'live'],
  ['src'],
];
const FOLDERS = [...LAYERS.flat(), 'health-checker', 'reference-services'];
const MAY_IMPORT = {
  ...Object.fromEntries(LAYERS.flatMap((layer, i) => layer.map((folder) => [folder, LAYERS.slice(0, i + 1).flat()]))),
  src: [...LAYERS.flat(), 'health-checker'],
  // The HTTP building blocks know requests and responses, nothing of what the gateway does with them.
  http: ['core'],
  'health-checker': ['core'],
  'reference-services': ['core', 'grpc-clients'],
};
// A relative import of a top-level folder from any depth (no subfolder is named like a top-level folder).
const importOf = (folders) => `^(\\.\\./)+(${folders.join('|')})(/|$)`;
const layerRules = Object.entries(MAY_IMPORT).map(([folder, allowed]) => {
  const above = FOLDERS.filter((f) => f !== folder && !allowed.includes(f));
  return {
    files: [`${folder}/**/*.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: importOf(above.filter((f) => f !== 'src')),
              message: `${folder}/ may import only ${allowed.join(', ')} (design: one-way layers; see README "Layout").`,
            },
            ...(folder === 'src'
              ? []
              : [
                  {
                    regex: '^(\\.\\./)+src/(?!context$)',
                    message: 'Nothing imports the composition root src/ (but `import type` of src/context).',
                  },
                  {
                    regex: '^(\\.\\./)+src/context$',
                    allowTypeImports: true,
                    message: 'Only `import type` of the context.',
                  },
                ]),
          ],
        },
      ],
    },
  };
});

export default tseslint.config(
  // bench/results/ and bench/profiles/ hold what the bench writes (and older builds kept there for BENCH_GATEWAY_DIST).
  { ignores: ['node_modules/', 'dist/', 'coverage/', '.tools/', '**/generated/', 'bench/results/', 'bench/profiles/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...layerRules,
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        module: 'writable',
        require: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        fetch: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // The offline explorer's browser entry (bundled by scripts/build-graphiql.mjs, which defines __MONACO_WORKERS__).
    files: ['scripts/graphiql/**/*.js'],
    languageOptions: {
      globals: { document: 'readonly', Worker: 'readonly', URL: 'readonly', __MONACO_WORKERS__: 'readonly' },
    },
  },
);
