import { describe, expect, it } from 'vitest';
import type { DatasetSpec } from '../../worker/protocol';
import { importChoiceLabel, sameImport, shownChoice } from './pickerChoice';

const mnist: DatasetSpec = { kind: 'builtin', name: 'mnist' };
const set = {
  pixels: new Uint8Array(1),
  count: 1,
  size: 1,
  channels: 1 as const,
  labels: null,
  classNames: [],
};
const recorded: DatasetSpec = { kind: 'images', name: 'Webcam: a, b', set };
const resumed: DatasetSpec = { kind: 'images', name: 'photos', set };

describe('shownChoice', () => {
  it('follows the run without a picker', () => {
    expect(shownChoice(null, mnist)).toBe('mnist');
    expect(shownChoice(null, { kind: 'textures', count: 3 })).toBe('textures');
    expect(shownChoice(null, resumed)).toBe('images');
  });

  it('shows a built-in set that waits for the user’s word, even over an import, so its question shows', () => {
    expect(shownChoice(null, resumed, mnist)).toBe('mnist');
    expect(shownChoice(null, mnist, { kind: 'textures', count: 3 })).toBe('textures');
    // An import that waits is shown by the open "Your images" picker.
    const picker = { choice: 'images' as const, over: mnist, made: null };
    expect(shownChoice(picker, mnist, resumed)).toBe('images');
  });

  it('keeps the webcam open over the old set and over the set it made, not over any other', () => {
    const picker = { choice: 'webcam' as const, over: mnist, made: null };
    expect(shownChoice(picker, mnist)).toBe('webcam');
    expect(shownChoice({ ...picker, made: recorded }, recorded)).toBe('webcam');
    // A run resumed since (or a new import) ends the recording view.
    expect(shownChoice({ ...picker, made: recorded }, resumed)).toBe('images');
  });
});

describe('the "Your images" entry', () => {
  const kept = { name: 'pets', count: 12 };
  it('names the kept import while the run is on another set, so picking it says what it trains on', () => {
    expect(importChoiceLabel('mnist', mnist, kept)).toBe('Your images: pets (12 images)');
    expect(importChoiceLabel('mnist', mnist, null)).toBe('Your images');
    expect(importChoiceLabel('mnist', mnist, { name: 'one', count: 1 })).toBe('Your images: one (1 image)');
  });

  it('names the run’s own import while it is shown, even one that is not the kept one', () => {
    expect(importChoiceLabel('images', resumed, kept)).toBe('Your images: photos (1 image)');
    // The webcam's recording is its own entry: "Your images" still offers the kept import.
    expect(importChoiceLabel('webcam', recorded, kept)).toBe('Your images: pets (12 images)');
  });

  it('tells the kept import from another by name and count', () => {
    expect(sameImport(resumed, { name: 'photos', count: 1 })).toBe(true);
    expect(sameImport(resumed, { name: 'photos', count: 2 })).toBe(false);
    expect(sameImport(resumed, kept)).toBe(false);
    expect(sameImport(mnist, kept)).toBe(false);
    expect(sameImport(resumed, null)).toBe(false);
  });
});
