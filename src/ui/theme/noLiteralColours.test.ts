import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const UI = join(__dirname, '..');
const TOKENS = join(__dirname, 'tokens.css');

/** Every stylesheet under src/ui. */
function stylesheets(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return stylesheets(path);
    return entry.name.endsWith('.css') ? [path] : [];
  });
}

/** Hex colours, rgb()/hsl() calls and the colour keywords a stylesheet is most tempted to write. */
const LITERAL_COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?)\(|(?<![-\w])(?:white|black)(?![-\w])/gi;

describe('stylesheets use the design tokens', () => {
  it('finds the stylesheets (so the check below cannot pass on nothing)', () => {
    expect(stylesheets(UI).length).toBeGreaterThan(3);
  });

  it('has no literal colour outside tokens.css', () => {
    const found = stylesheets(UI)
      .filter((path) => path !== TOKENS)
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .split('\n')
          .flatMap((line, i) =>
            (line.match(LITERAL_COLOUR) ?? []).map((match) => `${relative(UI, path)}:${i + 1} ${match}`),
          ),
      );
    expect(found).toEqual([]);
  });

  it('would catch a literal colour', () => {
    expect(
      'color: #a40000; background: rgb(0 0 0 / 5%); border: 1px solid white'.match(LITERAL_COLOUR),
    ).toEqual(['#a40000', 'rgb(', 'white']);
    expect('white-space: nowrap; --c-white-ish: var(--x)'.match(LITERAL_COLOUR)).toBeNull();
  });
});
