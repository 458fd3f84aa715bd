/**
 * Build, serve and open the app in Chromium: the one way every bench mode and the screenshot script
 * get a page. Options and build folders: ./appOptions.ts; `--no-build` serves the last build,
 * `--origin URL` uses a page already served.
 */
import type { Browser } from '@playwright/test';
import type { AppOptions } from './appOptions';
import { buildApp, launchChromium, startPreview } from './server';

export interface AppSession {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

/** Builds (unless told not to), previews and launches Chromium; `close()` stops both. */
export async function openApp(options: AppOptions, chromiumArgs: string[] = []): Promise<AppSession> {
  if (options.build) buildApp(options.outDir, { minify: options.minify });
  const server =
    options.origin === null
      ? await startPreview(options.outDir, options.port)
      : { origin: options.origin, stop: () => {} };
  try {
    const browser = await launchChromium(chromiumArgs);
    const close = async () => {
      await browser.close();
      server.stop();
    };
    return { browser, origin: server.origin, close };
  } catch (error) {
    server.stop();
    throw error;
  }
}
