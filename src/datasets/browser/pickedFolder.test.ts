import { describe, expect, it } from 'vitest';
import { filesFromPicker } from './fileSources';
import {
  filesInFolder,
  filesOfDrop,
  openFolderFile,
  openedOrSkipped,
  pathsInFolder,
  type DirectoryHandleLike,
  type FileHandleLike,
} from './pickedFolder';

type Tree = { [name: string]: Tree | string };

/** A fake picked folder that counts its subfolder look-ups; a file whose text is 'gone' cannot be read. */
function fakeFolder(name: string, tree: Tree, lookups = { folders: 0 }): DirectoryHandleLike {
  const children = new Map(
    Object.entries(tree).map(([child, sub]): [string, FileHandleLike | DirectoryHandleLike] => [
      child,
      typeof sub === 'string'
        ? {
            kind: 'file',
            name: child,
            getFile: async () => {
              if (sub === 'gone')
                throw new DOMException('A requested file could not be found.', 'NotFoundError');
              return new File([sub], child);
            },
          }
        : fakeFolder(child, sub, lookups),
    ]),
  );
  const find = (child: string, kind: 'file' | 'directory') => {
    const found = children.get(child);
    if (found?.kind !== kind) throw new DOMException(`No ${kind} ${child}.`, 'NotFoundError');
    return found;
  };
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* children.values();
    },
    getDirectoryHandle: async (child) => {
      lookups.folders++;
      return find(child, 'directory') as DirectoryHandleLike;
    },
    getFileHandle: async (child) => find(child, 'file') as FileHandleLike,
  };
}

const CLASSES: Tree = {
  dogs: { 'b10.png': 'dog 10', 'b2.png': 'dog 2', deep: { 'c.png': 'deep dog' } },
  cats: { 'a.png': 'cat', 'A1.png': 'cat 1' },
  'top.png': 'loose',
};

describe('a picked folder', () => {
  it('is listed as the folder input lists it: paths relative to the folder, in natural order', async () => {
    const folder = fakeFolder('photos', CLASSES);
    const files = filesInFolder(folder, await pathsInFolder(folder));
    const picked = files.map(({ path }) => {
      const file = new File([], path.split('/').pop() as string);
      Object.defineProperty(file, 'webkitRelativePath', { value: `photos/${path}` });
      return file;
    });
    expect(files.map((f) => f.path)).toEqual(filesFromPicker(picked).map((f) => f.path));
    expect(files.map((f) => f.path)).toEqual([
      'cats/a.png',
      'cats/A1.png',
      'dogs/b2.png',
      'dogs/b10.png',
      'dogs/deep/c.png',
      'top.png',
    ]);
    expect(files.every((f) => f.folder === folder)).toBe(true);
  });

  it('opens each file by its path, looking each subfolder up once per batch', async () => {
    const lookups = { folders: 0 };
    const folder = fakeFolder('photos', CLASSES, lookups);
    const folders = new Map();
    const texts = await Promise.all(
      ['dogs/b2.png', 'dogs/b10.png', 'dogs/deep/c.png', 'top.png'].map(async (path) =>
        (await openFolderFile({ path, folder }, folders)).text(),
      ),
    );
    expect(texts).toEqual(['dog 2', 'dog 10', 'deep dog', 'loose']);
    expect(lookups.folders).toBe(2); // dogs, dogs/deep
  });

  it('rejects a file that is gone, and a path that is not there; the import skips either with why', async () => {
    const folder = fakeFolder('photos', { cats: { 'a.png': 'gone', 'b.png': 'cat' } });
    await expect(openFolderFile({ path: 'cats/a.png', folder })).rejects.toThrow(
      'A requested file could not be found.',
    );
    await expect(openFolderFile({ path: 'dogs/b.png', folder })).rejects.toThrow('No directory dogs.');
    const folders = new Map();
    expect(await openedOrSkipped({ path: 'cats/a.png', folder }, folders)).toEqual({
      path: 'cats/a.png',
      reason: 'could not read: A requested file could not be found.',
    });
    const opened = await openedOrSkipped({ path: 'cats/b.png', folder }, folders);
    expect('file' in opened && (await opened.file.text())).toBe('cat');
    const blob = { path: 'x.png', file: new Blob(['x']) };
    expect(await openedOrSkipped(blob, folders)).toBe(blob);
  });

  it('stops listing past 20,000 files', async () => {
    const many: Tree = Object.fromEntries(Array.from({ length: 20_001 }, (_, i) => [`${i}.png`, 'x']));
    await expect(pathsInFolder(fakeFolder('huge', { cats: many }))).rejects.toThrow(
      'This import holds more than 20,000 files; an import takes at most 20,000.',
    );
  });

  it('several dropped folders are classes, beside the loose files, as the entry walk lists them', async () => {
    const cats = fakeFolder('cats', { 'a.png': 'cat', deep: { 'x.png': 'deep cat' } });
    const dogs = fakeFolder('dogs', { 'b.png': 'dog', deep: { 'x.png': 'deep dog' } });
    const listed = await Promise.all([dogs, cats].map(async (f) => filesInFolder(f, await pathsInFolder(f))));
    const files = filesOfDrop(listed, [new File(['loose'], 'loose.png')]);
    // The entry walk's order and paths (fileSources.test.ts: 'keeps dropped folders as classes').
    expect(files.map((f) => f.path)).toEqual([
      'cats/a.png',
      'cats/deep/x.png',
      'dogs/b.png',
      'dogs/deep/x.png',
      'loose.png',
    ]);
    // One cache for the batch: each folder's own deep/ is found, not the other's.
    const folders = new Map();
    const texts = await Promise.all(
      files.map(async (f) => ('folder' in f ? await openFolderFile(f, folders) : f.file).text()),
    );
    expect(texts).toEqual(['cat', 'deep cat', 'dog', 'deep dog', 'loose']);
  });

  it('refuses a drop of folders that together hold more than 20,000 files', () => {
    const folder = fakeFolder('cats', {});
    const many = Array.from({ length: 10_001 }, (_, i) => ({ path: `${i}.png`, folder }));
    expect(() => filesOfDrop([many, many], [])).toThrow(
      'This import holds 20,002 files; an import takes at most 20,000.',
    );
  });
});
