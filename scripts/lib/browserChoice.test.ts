import { describe, expect, it } from 'vitest';
import { chooseBrowser } from './browserChoice';

const paths = { system: '/usr/bin/chromium', playwright: '/home/u/.cache/ms-playwright/chrome' };

describe('chooseBrowser', () => {
  it('takes CPC_CHROMIUM first, then the system Chromium, then Playwright’s, else installs it', () => {
    const having =
      (...present: string[]) =>
      (path: string) =>
        present.includes(path);
    expect(chooseBrowser({ ...paths, override: '/opt/c', exists: having() })).toEqual({
      kind: 'system',
      path: '/opt/c',
    });
    expect(
      chooseBrowser({ ...paths, override: undefined, exists: having(paths.system, paths.playwright) }),
    ).toEqual({ kind: 'system', path: paths.system });
    expect(chooseBrowser({ ...paths, override: '', exists: having(paths.playwright) })).toEqual({
      kind: 'playwright',
      path: paths.playwright,
    });
    expect(chooseBrowser({ ...paths, override: undefined, exists: having() })).toEqual({
      kind: 'install',
      path: paths.playwright,
    });
  });
});
