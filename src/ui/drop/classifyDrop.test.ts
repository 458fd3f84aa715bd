import { describe, expect, it } from 'vitest';
import { classifyDrop, sniffContent, type DroppedItem } from './classifyDrop';

const bytes = (...values: number[]) => new Uint8Array(values);
const image = (name: string): DroppedItem => ({ kind: 'file', name, content: 'image' });
const zip = (name: string): DroppedItem => ({ kind: 'file', name, content: 'zip' });
const other = (name: string): DroppedItem => ({ kind: 'file', name, content: 'other' });
const folder = (name: string): DroppedItem => ({ kind: 'folder', name });

describe('sniffContent', () => {
  it('reads images and zips from their signatures, whatever the name', () => {
    expect(sniffContent(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image');
    expect(sniffContent(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('image');
    expect(sniffContent(bytes(0x50, 0x4b, 0x03, 0x04, 20, 0))).toBe('zip');
    expect(sniffContent(bytes(0x50, 0x4b, 0x05, 0x06, 0, 0))).toBe('zip');
  });

  it('calls anything else other, the empty file and a lone "PK" included', () => {
    expect(sniffContent(new TextEncoder().encode('just some notes'))).toBe('other');
    expect(sniffContent(bytes())).toBe('other');
    expect(sniffContent(bytes(0x50, 0x4b))).toBe('other');
  });
});

describe('classifyDrop', () => {
  it('ignores a drop with nothing in it', () => {
    expect(classifyDrop([])).toEqual({ kind: 'nothing' });
  });

  it('imports a folder, an image, or many images and folders as one set', () => {
    expect(classifyDrop([folder('pets')])).toEqual({ kind: 'images', name: 'pets' });
    expect(classifyDrop([image('cat.png')])).toEqual({ kind: 'images', name: 'cat.png' });
    expect(classifyDrop([folder('cats'), folder('dogs'), image('x.jpg')])).toEqual({
      kind: 'images',
      name: '3 dropped items',
    });
  });

  it('leaves non-images among images to the importer, which lists them as skipped', () => {
    expect(classifyDrop([image('a.png'), other('notes.txt')])).toEqual({
      kind: 'images',
      name: '2 dropped items',
    });
    expect(classifyDrop([folder('cats'), other('notes.txt')])).toMatchObject({ kind: 'images' });
  });

  it('opens a lone .zip to let its directory decide, named anything', () => {
    expect(classifyDrop([zip('cpc-run-step3.zip')])).toEqual({ kind: 'archive', name: 'cpc-run-step3.zip' });
    expect(classifyDrop([zip('holiday')])).toEqual({ kind: 'archive', name: 'holiday' });
  });

  it('refuses a lone file that is neither, even one named .zip', () => {
    expect(classifyDrop([other('notes.cpc.zip')])).toEqual({
      kind: 'refused',
      message:
        'notes.cpc.zip is not an image, a folder, a .zip of images or a saved run. The current run goes on.',
    });
  });

  it('refuses a .zip mixed with other things, and several .zip files', () => {
    expect(classifyDrop([zip('run.zip'), image('a.png')])).toEqual({
      kind: 'refused',
      message:
        'run.zip is a .zip: drop a .zip on its own (a saved run or a .zip of images), or images and folders ' +
        'without one. The current run goes on.',
    });
    expect(classifyDrop([zip('a.zip'), zip('b.zip')])).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/^2 of these are \.zip files: /),
    });
  });

  it('refuses many files of which none is an image', () => {
    expect(classifyDrop([other('a.txt'), other('b.md')])).toEqual({
      kind: 'refused',
      message:
        'None of these 2 files is an image. Drop images, a folder of images, a .zip of images or a saved run. ' +
        'The current run goes on.',
    });
  });
});
