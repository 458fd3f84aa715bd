import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';
import { maxLogicLinesPerFunction } from './scripts/lint/maxLogicLinesPerFunction.js';

// The ML core must stay runnable in Node, the worker and tests: no React, no DOM, no UI.
const coreRestrictedImports = {
  patterns: [
    {
      group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*', 'recharts'],
      message: 'src/cpc is the pure ML core: no UI libraries.',
    },
    {
      group: ['**/ui/**', '**/worker/**', '**/node/**', '../ui', '../worker'],
      message: 'src/cpc must not import the UI, the worker or Node-only code.',
    },
    { group: ['node:*', 'fs', 'path'], message: 'src/cpc must run in the browser too: no Node built-ins.' },
  ],
};
const domGlobals = [
  'window',
  'document',
  'navigator',
  'self',
  'localStorage',
  'indexedDB',
  'HTMLElement',
  'HTMLCanvasElement',
  'OffscreenCanvas',
  'createImageBitmap',
  'fetch',
  'location',
  'postMessage',
];

// Modules of src/cpc with no tfjs in them nor in anything they import (as `src/cpc/<name>.ts`). The page
// may load these and no others: tfjs belongs in the worker's chunk, never the main thread's. Each one may
// import only the others, so adding a tfjs import anywhere in the set is a lint error, not a bundle surprise.
const TFJS_FREE_CORE = [
  'archive/crc32',
  'archive/zipAt',
  'archive/zipDirectory',
  'archive/zipErrors',
  'archive/zipReader',
  'checkpoint/format',
  'checkpoint/limits',
  'checkpoint/manifest',
  'config',
  'config/fieldKinds',
  'config/modelFields',
  'config/trainingFields',
  'data/imageSet',
  'data/rgbBytes',
  'data/texturePatterns',
  'data/textures',
  'export/projectorTsv',
  'export/pytorch/alignedZip',
  'export/pytorch/pickle',
  'export/pytorch/pytorchProject',
  'export/pytorch/torchSave',
  'export/pytorch/weightsFile',
  'fitConfig',
  'geometry',
  'liveChange',
  'losses/negatives',
  'model/imageFeatureInfo',
  'presets',
  'random',
  'testing/bytesOf',
  'testing/configArbitrary',
];
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const noTfjs = {
  group: ['@tensorflow/*'],
  message: 'tfjs runs in the worker only: the page and the tfjs-free core must not import it.',
};

// The page: React, the store and the charts. It reaches the worker through its protocol and client only,
// and the core through the tfjs-free modules. Type-only imports are erased from the bundle, so they may
// come from anywhere in the core or the worker (e.g. the eval result types).
/** What src/ui may import from src/worker at run time, and what those import in turn. */
const PAGE_SIDE_WORKER_MODULES = ['client', 'backendMover', 'backendMove'].map(
  (name) => `src/worker/${name}.ts`,
);

const uiRestrictedImports = {
  patterns: [
    noTfjs,
    {
      regex: `(^|/)cpc/(?!(?:${TFJS_FREE_CORE.map(escapeRegex).join('|')})$)`,
      allowTypeImports: true,
      message:
        'src/ui may import only the tfjs-free modules of src/cpc (TFJS_FREE_CORE in eslint.config.js).',
    },
    {
      regex: '(^|/)worker/(?!(?:protocol|client|backendMover)$)',
      allowTypeImports: true,
      message:
        'src/ui talks to the worker only through worker/protocol, worker/client and worker/backendMover.',
    },
    { group: ['**/node/**'], message: 'src/ui runs in the browser: no Node-only code.' },
  ],
};

/** Each tfjs-free core module may import only the others; the specifiers are relative to its folder. */
function tfjsFreeCoreFence(module) {
  const folder = path.posix.dirname(module);
  const allowed = TFJS_FREE_CORE.map((other) => {
    const relative = path.posix.relative(folder, other);
    return relative.startsWith('.') ? relative : `./${relative}`;
  });
  const escaped = allowed.map(escapeRegex);
  return {
    files: [`src/cpc/${module}.ts`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            noTfjs,
            {
              regex: `^(?!(?:${escaped.join('|')})$)\\.\\.?/`,
              allowTypeImports: true,
              message:
                'A tfjs-free core module may import only the others in TFJS_FREE_CORE (eslint.config.js).',
            },
          ],
        },
      ],
    },
  };
}

// Size limits (issue 14): split a module at 300 lines, before it grows a third concern, and keep functions
// short enough to read at once. Tests are exempt: a test file is a list of cases, a describe a long one.
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/*.spec.ts'];
const MAX_FILE_LINES = 300;
const MAX_FUNCTION_LINES = 60;

const noUiImports = {
  patterns: [
    { group: ['**/ui', '**/ui/**'], message: 'Only the page imports src/ui; lower layers never do.' },
  ],
};

// Test helpers (fixtures, tiny configs, fake runs) live in a `testing/` folder of their layer:
// src/cpc/testing, src/ui/testing. Tests (*.test.ts), e2e specs and scripts import them; shipped code never.
const testHelperFence = {
  files: ['src/**/*.{ts,tsx}'],
  ignores: ['**/*.test.{ts,tsx}', '**/testing/**'],
  // A rule name of its own, so this fence adds to each layer's import fence instead of replacing it.
  plugins: {
    'test-helpers': { rules: { 'no-restricted-imports': tseslint.plugin.rules['no-restricted-imports'] } },
  },
  rules: {
    'test-helpers/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '(^|/)testing/',
            message:
              'Test helpers (testing/ folders) are for tests, e2e specs and scripts, not shipped code.',
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'test-results-*',
      'node_modules',
      'public',
      'playwright-report',
      'test-results',
      '.build',
      'bench-results',
      '.gpu-carry',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['src/cpc/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-imports': ['error', coreRestrictedImports],
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({ name, message: 'src/cpc must not touch the DOM.' })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='dataSync']",
          message: 'Read tensors with await data(), never dataSync().',
        },
        {
          selector: "CallExpression[callee.object.name='tf'][callee.property.name='customGrad']",
          message:
            "Use customGrad from src/cpc/ops/customGrad.ts: it frees the gradient's intermediate tensors.",
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}', 'src/*.tsx'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', uiRestrictedImports] },
  },
  ...TFJS_FREE_CORE.map(tfjsFreeCoreFence),
  {
    // The page-side worker modules ship in the page's bundle, which must not pull tfjs in.
    files: PAGE_SIDE_WORKER_MODULES,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noTfjs, ...noUiImports.patterns] }],
    },
  },
  {
    files: ['src/worker/**/*.ts', 'src/datasets/**/*.ts', 'src/node/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noUiImports] },
  },
  {
    // Decoding and assembling image sets runs in Node too (the headless runner); only browser/ has a DOM.
    files: ['src/datasets/**/*.ts'],
    ignores: ['src/datasets/browser/**'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': [
        'error',
        ...domGlobals.map((name) => ({
          name,
          message: 'src/datasets outside browser/ must not touch the DOM.',
        })),
      ],
    },
  },
  testHelperFence,
  {
    files: ['**/*.{ts,tsx,js}'],
    ignores: TESTS,
    rules: { 'max-lines': ['error', { max: MAX_FILE_LINES }] },
  },
  {
    files: ['**/*.{ts,js}'],
    ignores: TESTS,
    rules: {
      'max-lines-per-function': [
        'error',
        { max: MAX_FUNCTION_LINES, skipBlankLines: true, skipComments: true },
      ],
    },
  },
  {
    // A component's markup is as long as its layout; its logic is held to the same limit as any function
    // (scripts/lint/maxLogicLinesPerFunction.js says how markup is told from logic).
    files: ['**/*.tsx'],
    ignores: TESTS,
    plugins: { local: { rules: { 'max-logic-lines-per-function': maxLogicLinesPerFunction } } },
    rules: { 'local/max-logic-lines-per-function': ['error', { max: MAX_FUNCTION_LINES }] },
  },
);
