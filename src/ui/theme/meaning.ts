/**
 * Colours that mean something, the same in every view, chart, table and canvas:
 * the context patch and its targets, the true patch among candidates, and the three
 * feature sources a probe compares (CPC, the same encoder at random init, raw pixels).
 *
 * tokens.css declares the same values as CSS custom properties (--c-context, ...);
 * meaning.test.ts keeps the two in step. Use the CSS variables in stylesheets and these
 * literals where an SVG attribute or a canvas needs a plain colour. Each reads on the light
 * and on the dark background.
 */
export const MEANING_COLOURS = {
  /** The patches the context is read from. */
  context: '#2f7df6',
  /** The patches the model must predict (k steps ahead). */
  target: '#f08c00',
  /** The true patch among the candidates. */
  positive: '#1f9d55',
  /** Features learned by CPC. */
  cpc: '#8b5cf6',
  /** The same encoder, randomly initialised (untrained). */
  random: '#8c959f',
  /** Raw pixels, no encoder. */
  pixels: '#c2410c',
  /** Chance level: what guessing scores. */
  chance: '#d1242f',
} as const;

export type Meaning = keyof typeof MEANING_COLOURS;

/** The CSS custom property for a meaning, e.g. `var(--c-cpc)`. */
export function meaningVar(meaning: Meaning): string {
  return `var(--c-${meaning})`;
}
