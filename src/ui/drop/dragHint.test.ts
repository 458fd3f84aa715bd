import { describe, expect, it } from 'vitest';
import { dragHint } from './dragHint';

const file = (type: string) => ({ kind: 'file', type });

describe('dragHint', () => {
  it('shows nothing for a drag without files', () => {
    expect(dragHint([])).toBeNull();
    expect(dragHint([{ kind: 'string', type: 'text/uri-list' }])).toBeNull();
  });

  it('promises an import when every item says it is an image', () => {
    expect(dragHint([file('image/png')])).toBe('Drop to import this image as a data set');
    expect(dragHint([file('image/png'), file('image/jpeg'), file('image/webp')])).toBe(
      'Drop to import these 3 images as a data set',
    );
  });

  it('says a lone .zip is opened to see what it is', () => {
    expect(dragHint([file('application/zip')])).toBe(
      'Drop to open this .zip: a saved run resumes, a .zip of images becomes the data set',
    );
  });

  it('says both outcomes when the types cannot tell (a folder has none)', () => {
    const both = 'Drop images, a folder or a .zip to train on them; drop a saved run to resume it';
    expect(dragHint([file('')])).toBe(both);
    expect(dragHint([file('image/png'), file('application/zip')])).toBe(both);
  });
});
