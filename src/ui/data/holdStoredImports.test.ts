import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { ImageSet } from '../../cpc/data/imageSet';
import type { ImportResult } from '../../datasets/assembleImport';
import { createPlaygroundStore } from '../store/playgroundStore';
import { holdStoredImports } from './holdStoredImports';

function storedSet(file: string): ImageSet {
  const pixels = { file, slots: Int32Array.of(0, 1), length: 2 * 4 };
  return { pixels, count: 2, size: 2, channels: 1, labels: null, classNames: [] };
}

function result(set: ImageSet): ImportResult {
  return { set, skipped: [], upscaled: 0, nativeSide: 2, sides: [], heldOut: 0, colour: false };
}

describe('holdStoredImports', () => {
  it('holds the files of the kept import and of the trained set, and lets each go (and sweeps) when unused', () => {
    const store = createPlaygroundStore({
      config: DEFAULT_CONFIG,
      backend: 'wasm',
      dataset: { kind: 'builtin', name: 'fashion-mnist' },
    });
    const log: string[] = [];
    const holds = {
      hold: (file: string) => {
        log.push(`hold ${file}`);
        return () => void log.push(`release ${file}`);
      },
      sweep: async () => void log.push('sweep'),
    };
    holdStoredImports(store, holds);
    expect(log.splice(0)).toEqual(['sweep']); // at once: what closed tabs left

    const first = storedSet('a.bin');
    store.setState({ keptImport: { name: 'a', result: result(first), filesSeen: 2 } });
    store.setState({ dataset: { kind: 'images', name: 'a', set: first } });
    expect(log.splice(0)).toEqual(['hold a.bin']);

    // A second import is kept while the run still trains on the first: both are held.
    store.setState({ keptImport: { name: 'b', result: result(storedSet('b.bin')), filesSeen: 2 } });
    expect(log.splice(0)).toEqual(['hold b.bin']);

    store.setState({ dataset: { kind: 'builtin', name: 'mnist' } });
    expect(log.splice(0)).toEqual(['release a.bin', 'sweep']);
    // The worker is ready on the new set (it has closed a.bin by then): one more sweep, and only one.
    const info = { title: 'MNIST', trainCount: 1, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };
    store.setState({ run: { ...store.getState().run, phase: 'ready', dataset: info } });
    store.setState({ run: { ...store.getState().run, dataset: { ...info } } });
    expect(log.splice(0)).toEqual(['sweep']);

    // A set in memory holds nothing.
    const plain: ImageSet = { ...first, pixels: new Uint8Array(8) };
    store.setState({ keptImport: { name: 'c', result: result(plain), filesSeen: 2 } });
    expect(log.splice(0)).toEqual(['release b.bin', 'sweep']);
  });
});
