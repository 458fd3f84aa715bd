/**
 * npm run screenshot [-- --seconds 20] [--prefix after] [--origin URL] [--no-build] ...
 *
 * Retakes the design screenshots: builds and previews the app (scripts/bench/app.ts; `--origin` uses a
 * page already served), opens the playground on its default data set (wasm), trains for a few seconds
 * and pauses, at 1280×800 and 1920×1080, written to docs/screenshots/<prefix>-<w>x<h>.png; the 1280×800
 * one is also the README's docs/playground.png.
 */
import { copyFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { numberOption, parseCommandLine } from './lib/cli';
import { openApp } from './bench/app';
import { APP_OPTIONS, APP_USAGE, appOptions } from './bench/appOptions';
import { openPlayground } from './bench/uiTraining';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const USAGE = `npm run screenshot -- [options]
  --seconds S         training before the picture (default 20)
  --prefix NAME       docs/screenshots/NAME-<w>x<h>.png (default after)
${APP_USAGE}`;

async function shoot(
  browser: Browser,
  origin: string,
  size: (typeof SIZES)[number],
  seconds: number,
  path: string,
) {
  const page = await openPlayground(browser, `${origin}/?backend=wasm`, {
    viewport: size,
    colorScheme: 'light',
  });
  await page.getByTestId('start').click();
  await page.waitForTimeout(seconds * 1000);
  await page.getByTestId('pause').click();
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000); // the last chart, grid and probe refresh
  await page.screenshot({ path });
  await page.close();
  console.log(`wrote ${path}`);
}

async function main(argv: string[]): Promise<void> {
  if (argv.includes('--help')) return console.log(USAGE);
  const values = parseCommandLine(argv, {
    ...APP_OPTIONS,
    seconds: { type: 'string' },
    prefix: { type: 'string' },
  });
  const seconds = numberOption(values.seconds, 'seconds', 20);
  const prefix = values.prefix ?? 'after';
  const app = await openApp(appOptions(values));
  try {
    for (const size of SIZES)
      await shoot(
        app.browser,
        app.origin,
        size,
        seconds,
        `docs/screenshots/${prefix}-${size.width}x${size.height}.png`,
      );
    copyFileSync(`docs/screenshots/${prefix}-1280x800.png`, 'docs/playground.png');
    console.log('copied the 1280×800 one to docs/playground.png');
  } finally {
    await app.close();
  }
}

await main(process.argv.slice(2));
