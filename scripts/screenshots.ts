/**
 * npx tsx scripts/screenshots.ts <preview-url> [--seconds 20] [--prefix after]
 *
 * Retakes the design screenshots from a running preview (`npx vite preview`): the playground on its
 * default data set (wasm), trained for a few seconds and paused, at 1280×800 and 1920×1080, written to
 * docs/screenshots/<prefix>-<w>x<h>.png; the 1280×800 one is also the README's docs/playground.png.
 */
import { copyFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { launchChromium } from './bench/server';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;

async function shoot(
  browser: Browser,
  url: string,
  size: (typeof SIZES)[number],
  seconds: number,
  path: string,
) {
  const page = await browser.newPage({ viewport: size, colorScheme: 'light' });
  await page.goto(`${url.replace(/\/$/, '')}/?backend=wasm`);
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 120_000 });
  await page.getByTestId('start').click();
  await page.waitForTimeout(seconds * 1000);
  await page.getByTestId('pause').click();
  await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000); // the last chart, grid and probe refresh
  await page.screenshot({ path });
  await page.close();
  console.log(`wrote ${path}`);
}

async function main(): Promise<void> {
  const url = args.find((arg) => /^https?:\/\//.test(arg));
  if (!url)
    throw new Error('usage: npx tsx scripts/screenshots.ts <preview-url> [--seconds 20] [--prefix after]');
  const seconds = Number(option('--seconds', '20'));
  const prefix = option('--prefix', 'after');
  const browser = await launchChromium();
  try {
    for (const size of SIZES) {
      await shoot(browser, url, size, seconds, `docs/screenshots/${prefix}-${size.width}x${size.height}.png`);
    }
    copyFileSync(`docs/screenshots/${prefix}-1280x800.png`, 'docs/playground.png');
    console.log('copied the 1280×800 one to docs/playground.png');
  } finally {
    await browser.close();
  }
}

void main();
