import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { chooseBrowser } from './browserChoice';

/** Debian's Chromium when present (this machine cannot download Playwright's browsers). */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * The Chromium binary to launch: `CPC_CHROMIUM`, Debian's, or undefined for Playwright's own build
 * (scripts/ensure-browser.ts installs it on first use).
 */
export function chromiumExecutable(): string | undefined {
  const choice = chooseBrowser({
    override: process.env.CPC_CHROMIUM,
    system: SYSTEM_CHROMIUM,
    playwright: chromium.executablePath(),
    exists: existsSync,
  });
  return choice.kind === 'system' ? choice.path : undefined;
}

/** WebGPU on (SwiftShader where there is no GPU), and nothing that reaches the network. */
export const CHROMIUM_FLAGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];
