import { describe, it, expect } from 'vitest';
import { compareNames, isHiddenPath, labelFolderImages, UNLABELLED_IN_LABELLED_FOLDER } from './labels';

describe('labelFolderImages', () => {
  it('names classes after first-level folders, sorted, with deeper files in their first-level class', () => {
    const result = labelFolderImages(['dogs/b.png', 'cats/x/y/deep.jpg', 'cats/a.png', 'dogs/a.png']);
    expect(result.classNames).toEqual(['cats', 'dogs']);
    expect(result.paths).toEqual(['cats/a.png', 'cats/x/y/deep.jpg', 'dogs/a.png', 'dogs/b.png']);
    expect(Array.from(result.labels ?? [])).toEqual([0, 0, 1, 1]);
    expect(result.skipped).toEqual([]);
  });

  it('treats a flat folder as one unlabelled set', () => {
    const result = labelFolderImages(['b.png', 'a.png']);
    expect(result).toEqual({ paths: ['a.png', 'b.png'], labels: null, classNames: [], skipped: [] });
  });

  it('keeps class folders and skips top-level images when both exist', () => {
    const result = labelFolderImages(['loose.png', 'cats/a.png']);
    expect(result.paths).toEqual(['cats/a.png']);
    expect(result.classNames).toEqual(['cats']);
    expect(result.skipped).toEqual([{ path: 'loose.png', reason: UNLABELLED_IN_LABELLED_FOLDER }]);
  });

  it('ignores hidden files and folders silently, and lists only classes that have an image', () => {
    const result = labelFolderImages([
      '.DS_Store.png',
      'cats/.hidden.png',
      '.git/x.png',
      'dogs/.thumbs/t.png',
      'cats/a.png',
    ]);
    expect(result.paths).toEqual(['cats/a.png']);
    expect(result.classNames).toEqual(['cats']);
    expect(result.skipped).toEqual([]);
  });

  it('returns an empty unlabelled set for no images', () => {
    expect(labelFolderImages([])).toEqual({ paths: [], labels: null, classNames: [], skipped: [] });
  });
});

describe('isHiddenPath', () => {
  it('flags any segment starting with a dot', () => {
    expect(isHiddenPath('.a.png')).toBe(true);
    expect(isHiddenPath('x/.y/z.png')).toBe(true);
    expect(isHiddenPath('x/y.z.png')).toBe(false);
  });
});

describe('compareNames', () => {
  it('sorts numbers naturally and deterministically', () => {
    expect(['class10', 'class2', 'Beta', 'alpha'].sort(compareNames)).toEqual([
      'alpha',
      'Beta',
      'class2',
      'class10',
    ]);
    expect(['b', 'B'].sort(compareNames)).toEqual(['b', 'B']);
  });
});
