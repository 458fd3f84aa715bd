/**
 * npx tsx scripts/screenshot.ts [--seconds 30] [--out docs/playground.png] [--no-build]
 *
 * Rebuilds the README's screenshot: the playground on Fashion-MNIST (wasm) mid-training, with the probe
 * run once, as one full-page image so that every panel shows.
 */
import { buildApp, launchChromium, startPreview } from './bench/server';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string =>
  args.includes(name) ? (args[args.indexOf(name) + 1] ?? fallback) : fallback;
const seconds = Number(option('--seconds', '30'));
const out = option('--out', 'docs/playground.png');
const outDir = 'node_modules/.screenshot/dist';

async function main(): Promise<void> {
  if (!args.includes('--no-build')) buildApp(outDir);
  const server = await startPreview(outDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1800 } });
    await page.goto(`${server.origin}/?backend=wasm`);
    await page.locator('[data-testid="status"][data-state="paused"]').waitFor({ timeout: 120_000 });
    await page.getByTestId('start').click();
    await page.waitForTimeout(seconds * 1000);
    await page.getByTestId('probe-run').click();
    await page.getByTestId('probe-result').waitFor({ timeout: 120_000 });
    await page.waitForTimeout(2000); // the next chart and map refresh
    await page.screenshot({ path: out, fullPage: true });
    console.log(`wrote ${out}`);
  } finally {
    await browser.close();
    server.stop();
  }
}

void main();
