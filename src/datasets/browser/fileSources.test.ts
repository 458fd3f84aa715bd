import { describe, it, expect } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { listImportZip, readImportEntry } from '../zipImport';
import { readBlobAt } from './blobReader';
import {
  filesFromEntries,
  filesFromPicker,
  filesFromZip,
  stripSingleRoot,
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

describe('zip imports', () => {
  it('lists a zip the archive worker listed, each file still packed: no folders, resource forks or hidden files, no single top folder', async () => {
    const zip = zipSync({
      photos: {
        cats: { 'a.png': strToU8('png!') },
        dogs: { 'b.png': strToU8('pn') },
        '.DS_Store': strToU8('x'),
      },
      __MACOSX: { photos: { '._a.png': strToU8('fork') } },
    });
    const archive = new Blob([zip]);
    const files = filesFromZip(archive, await listImportZip(readBlobAt(archive), zip.length));
    expect(paths(files)).toEqual(['cats/a.png', 'dogs/b.png']);
    const { file, packed } = files[0];
    if (!packed) throw new Error('not packed');
    expect(new TextDecoder().decode(await readImportEntry(readBlobAt(file), file.size, packed))).toBe('png!');
  });
});

describe('the file limit', () => {
  it('stops walking a dropped folder past 20,000 files, and refuses a pick of as many', async () => {
    const many = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`${i}.png`, 'x']));
    await expect(filesFromEntries([fakeEntry('huge', many)])).rejects.toThrow(
      'This import holds more than 20,000 files; an import takes at most 20,000. Import fewer classes or a smaller folder.',
    );
    const picked = Array.from({ length: 100_000 }, () => new File([], 'a.png'));
    expect(() => filesFromPicker(picked)).toThrow(
      'This import holds 100,000 files; an import takes at most 20,000.',
    );
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
