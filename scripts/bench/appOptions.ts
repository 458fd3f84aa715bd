/**
 * The command-line options of every script that opens the app (scripts/bench/app.ts), and the build
 * folder convention: `.build/app` (minified) or `.build/app-unminified` (readable profiles), git-ignored.
 * Free of Playwright, so that the gpu mode bundles without it.
 */
import { join } from 'node:path';
import { numberOption } from '../lib/cli';

/** The options every mode that opens the app takes, for parseCommandLine. */
export const APP_OPTIONS = {
  'no-build': { type: 'boolean' },
  'no-minify': { type: 'boolean' },
  'out-dir': { type: 'string' },
  port: { type: 'string' },
  origin: { type: 'string' },
} as const;

export const APP_USAGE = `  --no-build          serve the last build in --out-dir instead of building
  --no-minify         keep function names readable (traces, profiles); default folder .build/app-unminified
  --out-dir DIR       build folder (default .build/app)
  --port N            preview port (default: a free one)
  --origin URL        use a page already served there: no build, no preview`;

export interface AppOptions {
  build: boolean;
  minify: boolean;
  outDir: string;
  port: number | undefined;
  origin: string | null;
}

/** Where builds go: one folder per kind of build, so that a mode never serves another's by surprise. */
export function buildFolder(minify: boolean): string {
  return join('.build', minify ? 'app' : 'app-unminified');
}

/** The values parseCommandLine read for APP_OPTIONS. */
export interface AppValues {
  'no-build'?: boolean;
  'no-minify'?: boolean;
  'out-dir'?: string;
  port?: string;
  origin?: string;
}

export function appOptions(values: AppValues): AppOptions {
  const minify = !values['no-minify'];
  return {
    build: !values['no-build'] && values.origin === undefined,
    minify,
    outDir: values['out-dir'] ?? buildFolder(minify),
    port: values.port === undefined ? undefined : numberOption(values.port, 'port', 0, 1),
    origin: values.origin?.replace(/\/$/, '') ?? null,
  };
}
