import { availableParallelism } from 'node:os';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumExecutable } from './scripts/lib/chromium';

// E2E_PORT and E2E_OUT_DIR let several suites run side by side without sharing a server or a build.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUT_DIR ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_PORT ? `test-results-${PORT}` : 'test-results',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  // A test keeps about two cores busy (the page and its training worker): on 2 cores two workers made each
  // test 2.2× slower (36 tests: 485 s → 1,050 s) and the suite no faster, so one page per two cores.
  fullyParallel: true,
  workers: Math.max(1, Math.floor(availableParallelism() / 2)),
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    // Recording a trace for every test cost 15–20 % of the suite's time (14 tests: 88–93 s against 74–77 s
    // without); CI records one on the retry of a failed test. Locally: --trace retain-on-failure.
    trace: 'on-first-retry',
    viewport: { width: 1280, height: 800 },
  },
  projects: [
    {
      name: 'chromium-webgpu',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 800 },
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: CHROMIUM_FLAGS,
        },
      },
    },
  ],
  webServer: {
    command: `npm run build -- --outDir ${OUT_DIR} && npx vite preview --outDir ${OUT_DIR} --port ${PORT} --strictPort`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
  },
});
