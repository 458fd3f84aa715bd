import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import {
  filesFromEntries,
  filesFromPicker,
  filesFromZip,
  stripSingleRoot,
  zipListingToFiles,
  type EntryLike,
} from './fileSources';

/** A fake dropped tree; each folder hands out its children two at a time, like a paging reader. */
function fakeEntry(name: string, tree: Record<string, unknown> | string): EntryLike {
  if (typeof tree === 'string') {
    return {
      name,
      isFile: true,
      isDirectory: false,
      file: (ok: (file: File) => void) => ok(new File([tree], name)),
    } as EntryLike;
  }
  const children = Object.entries(tree).map(([child, sub]) => fakeEntry(child, sub as never));
  return {
    name,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok: (entries: EntryLike[]) => void) => {
          ok(children.slice(at, at + 2));
          at += 2;
        },
      };
    },
  } as EntryLike;
}

const paths = (files: { path: string }[]) => files.map((f) => f.path);

describe('filesFromEntries', () => {
  it('walks a dropped folder through every page of every subfolder, as its own root, in natural order', async () => {
    const photos = fakeEntry('photos', {
      dogs: { 'b10.png': 'x', 'b2.png': 'x', deep: { 'c.png': 'x' } },
      cats: { 'a.png': 'x', 'A1.png': 'x', 'a2.png': 'x' },
    });
    const files = await filesFromEntries([photos]);
    expect(paths(files)).toEqual([
      'cats/a.png',
      'cats/A1.png',
      'cats/a2.png',
      'dogs/b2.png',
      'dogs/b10.png',
      'dogs/deep/c.png',
    ]);
    expect(await files[0].file.text()).toBe('x');
  });

  it('keeps dropped folders as classes and dropped files at the top level', async () => {
    const files = await filesFromEntries([
      fakeEntry('cats', { 'a.png': 'x' }),
      fakeEntry('dogs', { 'b.png': 'x' }),
      fakeEntry('loose.png', 'x'),
    ]);
    expect(paths(files)).toEqual(['cats/a.png', 'dogs/b.png', 'loose.png']);
  });
});

describe('filesFromPicker', () => {
  it('drops the picked folder name from webkitRelativePath', () => {
    const file = (relative: string) => {
      const f = new File(['x'], relative.split('/').pop() as string);
      Object.defineProperty(f, 'webkitRelativePath', { value: relative });
      return f;
    };
    expect(paths(filesFromPicker([file('photos/dogs/b.png'), file('photos/cats/a.png')]))).toEqual([
      'cats/a.png',
      'dogs/b.png',
    ]);
    expect(paths(filesFromPicker([new File(['x'], 'z.png'), new File(['x'], 'y.png')]))).toEqual([
      'y.png',
      'z.png',
    ]);
  });
});

describe('zip listings', () => {
  it('skips folder entries and __MACOSX, and strips a single top folder', () => {
    const listing = {
      'photos/': new Uint8Array(),
      'photos/cats/a.png': new Uint8Array([1]),
      'photos/dogs/b.png': new Uint8Array([2, 3]),
      '__MACOSX/photos/._a.png': new Uint8Array([9]),
    };
    const files = zipListingToFiles(listing);
    expect(paths(files)).toEqual(['cats/a.png', 'dogs/b.png']);
    expect(files[1].file.size).toBe(2);
  });

  it('reads a real zip made by fflate', async () => {
    const zip = zipSync({ cats: { 'a.png': strToU8('png!') }, 'top.jpg': strToU8('jpg') });
    const files = await filesFromZip(zip);
    expect(paths(files)).toEqual(['cats/a.png', 'top.jpg']);
    expect(await files[0].file.text()).toBe('png!');
  });

  it('rejects a file that is not a zip with a readable message', async () => {
    await expect(filesFromZip(strToU8('not a zip'))).rejects.toThrow(/^Cannot read the \.zip: /);
  });
});

describe('stripSingleRoot', () => {
  it('strips only when every file shares one top folder', () => {
    expect(paths(stripSingleRoot([{ path: 'r/a/x.png' }, { path: 'r/y.png' }]))).toEqual([
      'a/x.png',
      'y.png',
    ]);
    expect(paths(stripSingleRoot([{ path: 'r/x.png' }, { path: 's/y.png' }]))).toEqual([
      'r/x.png',
      's/y.png',
    ]);
    expect(paths(stripSingleRoot([{ path: 'r/x.png' }, { path: 'y.png' }]))).toEqual(['r/x.png', 'y.png']);
  });
});
