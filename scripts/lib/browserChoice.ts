/** Which Chromium the end-to-end tests and the benches drive, and what to do when there is none. */
export type BrowserChoice =
  { kind: 'system'; path: string } | { kind: 'playwright'; path: string } | { kind: 'install'; path: string };

/**
 * `CPC_CHROMIUM` when set, else Debian's Chromium, else Playwright's own build (already downloaded, or
 * to be installed now). Pure: `exists` tells which files are there.
 */
export function chooseBrowser(options: {
  override: string | undefined;
  system: string;
  playwright: string;
  exists: (path: string) => boolean;
}): BrowserChoice {
  const { override, system, playwright, exists } = options;
  if (override) return { kind: 'system', path: override };
  if (exists(system)) return { kind: 'system', path: system };
  return exists(playwright)
    ? { kind: 'playwright', path: playwright }
    : { kind: 'install', path: playwright };
}

/** The one line shown when no browser could be had. */
export const NO_BROWSER_HELP =
  'No Chromium for the end-to-end tests: install one with `apt-get install -y chromium` (Debian/Ubuntu) or ' +
  '`npx playwright install chromium` (needs the network once), or point CPC_CHROMIUM at a Chromium binary.';
