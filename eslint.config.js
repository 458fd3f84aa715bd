import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
      'bench/results',
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
      ],
    },
  },
);
