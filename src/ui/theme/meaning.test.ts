import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MEANING_COLOURS, meaningVar } from './meaning';

const tokens = readFileSync(fileURLToPath(new URL('./tokens.css', import.meta.url)), 'utf8');

describe('meaning colours', () => {
  it('tokens.css declares every meaning colour with the value meaning.ts gives it', () => {
    for (const [meaning, colour] of Object.entries(MEANING_COLOURS)) {
      expect(tokens, meaning).toContain(`--c-${meaning}: ${colour};`);
    }
  });

  it('no two meanings share a colour', () => {
    const colours = Object.values(MEANING_COLOURS);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it('names the CSS variable', () => {
    expect(meaningVar('cpc')).toBe('var(--c-cpc)');
  });
});
