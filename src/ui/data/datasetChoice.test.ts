import { describe, it, expect } from 'vitest';
import { specForChoice, TEXTURE_IMAGES } from './datasetChoice';

describe('specForChoice', () => {
  it("names the spec of each choice, and none for the user's own images", () => {
    const spec = specForChoice('mnist');
    expect(spec).toEqual({ kind: 'builtin', name: 'mnist' });
    expect(specForChoice('textures')).toEqual({ kind: 'textures', count: TEXTURE_IMAGES });
    expect(specForChoice('images')).toBeNull();
    expect(specForChoice('webcam')).toBeNull();
  });
});
