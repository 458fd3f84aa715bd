import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Test files that replace a module with vi.mock need a module graph of their own; every other file shares
 * its fork's (tfjs, its kernels and the WASM binary load once per fork instead of once per file: that
 * loading was three quarters of the unit suite's time). Found by reading the files, so a new one that
 * mocks cannot land in the shared graph by mistake.
 */
const OWN_MODULES = ['src', 'scripts'].flatMap((dir) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => join(dir, file))
    .filter((file) => file.endsWith('.test.ts') && /\bvi\.(do)?mock\(/.test(readFileSync(file, 'utf8'))),
);

const shared = {
  environment: 'node',
  setupFiles: ['vitest.setup.ts'],
  testTimeout: 120_000,
  hookTimeout: 60_000,
  // tfjs keeps one global engine per process: test files run in forks, two at a time.
  pool: 'forks',
} satisfies ViteUserConfig['test'];

export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          ...shared,
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: OWN_MODULES,
          isolate: false,
        },
      },
      { test: { ...shared, name: 'unit (own modules)', include: OWN_MODULES } },
    ],
  },
});
