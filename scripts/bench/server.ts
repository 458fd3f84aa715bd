import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumExecutable } from '../lib/chromium';
import { run, waitForServer } from '../lib/processes';

/** A production build in a folder of its own, so a bench never serves (or clobbers) another's dist/. */
export function buildApp(outDir: string, options: { minify?: boolean } = {}): void {
  run('npx', [
    'vite',
    'build',
    '--outDir',
    outDir,
    '--emptyOutDir',
    ...(options.minify === false ? ['--minify', 'false'] : []),
  ]);
}

export interface PreviewServer {
  origin: string;
  stop(): void;
}

/** `vite preview` of a build (it sends the COOP/COEP headers, so pages are cross-origin isolated). */
export async function startPreview(outDir: string, port?: number): Promise<PreviewServer> {
  const chosen = port ?? (await freePort());
  // Vite itself, not through npx: killing npx would leave the preview server running.
  const server = spawn(
    join('node_modules', '.bin', 'vite'),
    ['preview', '--outDir', outDir, '--port', String(chosen), '--strictPort'],
    { stdio: 'ignore' },
  );
  const origin = `http://localhost:${chosen}`;
  try {
    await waitForServer(origin);
  } catch (error) {
    server.kill();
    throw error;
  }
  return { origin, stop: () => server.kill() };
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

/**
 * Chromium with a profile on disk in `userDataDir`: its origin-private file system is files there, where a
 * context without a profile keeps it in the browser process's memory (a large import kept on disk would
 * then only move from the tab to the browser process).
 */
export function launchChromiumOnDisk(userDataDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    args: [...CHROMIUM_FLAGS, ...extraArgs],
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
