/**
 * Run before the end-to-end tests (`npm run test:e2e`): makes sure there is a Chromium to drive. The
 * system's when there is one, else Playwright's, downloaded on first use; one clear line when neither
 * can be had.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chooseBrowser, NO_BROWSER_HELP } from './lib/browserChoice';
import { SYSTEM_CHROMIUM } from './lib/chromium';

const choice = chooseBrowser({
  override: process.env.CPC_CHROMIUM,
  system: SYSTEM_CHROMIUM,
  playwright: chromium.executablePath(),
  exists: existsSync,
});

if (choice.kind === 'system' && !existsSync(choice.path)) {
  console.error(`CPC_CHROMIUM=${choice.path} does not exist. ${NO_BROWSER_HELP}`);
  process.exit(1);
}
if (choice.kind === 'install') {
  console.log('== no Chromium found: installing Playwright’s (first run only)');
  try {
    execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  } catch {
    console.error(NO_BROWSER_HELP);
    process.exit(1);
  }
  if (!existsSync(choice.path)) {
    console.error(NO_BROWSER_HELP);
    process.exit(1);
  }
}
console.log(
  `== end-to-end tests drive ${choice.kind === 'system' ? choice.path : `Playwright’s Chromium (${choice.path})`}`,
);
