import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../lib/cli';
import { APP_OPTIONS, appOptions } from './appOptions';

const parsed = (...argv: string[]) => appOptions(parseCommandLine(argv, APP_OPTIONS));

describe('appOptions', () => {
  it('builds minified into .build/app and previews on a free port by default', () => {
    expect(parsed()).toEqual({
      build: true,
      minify: true,
      outDir: '.build/app',
      port: undefined,
      origin: null,
    });
  });

  it('keeps unminified builds in a folder of their own', () => {
    expect(parsed('--no-minify')).toMatchObject({ minify: false, outDir: '.build/app-unminified' });
    expect(parsed('--no-minify', '--out-dir', 'elsewhere').outDir).toBe('elsewhere');
  });

  it('serves the last build with --no-build, and builds nothing for a page served elsewhere', () => {
    expect(parsed('--no-build', '--port', '4185')).toMatchObject({ build: false, port: 4185 });
    expect(parsed('--origin', 'http://localhost:4185/')).toMatchObject({
      build: false,
      origin: 'http://localhost:4185',
    });
    expect(() => parsed('--port', 'x')).toThrow(/--port: not a number/);
  });
});
