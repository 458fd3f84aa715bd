import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { datasetRefOf, specForRef } from '../keep/datasetRef';
import { openIndexedDbRunStore } from '../keep/indexedDbRunStore';
import {
  addFrame,
  FRAME_BYTES,
  MIN_FRAMES_PER_CLASS,
  newRecording,
  renameClass,
  type Recording,
} from './recordedClasses';
import { webcamDataset } from './webcamDataset';
import { bytesOf } from '../../cpc/testing/bytesOf';

/** Two classes of MIN_FRAMES_PER_CLASS frames each; `colour` tints each pixel, else grey. */
function recorded(colour: boolean): Recording {
  let r = newRecording();
  const [a, b] = r.classes.map((c) => c.id);
  r = renameClass(renameClass(r, a, 'cup'), b, 'hand');
  for (let i = 0; i < MIN_FRAMES_PER_CLASS; i++) {
    for (const [id, value] of [
      [a, 40],
      [b, 200],
    ]) {
      const pixels = new Uint8Array(FRAME_BYTES).fill(value + i);
      if (colour) for (let p = 0; p < FRAME_BYTES; p += 3) pixels[p] = 255;
      r = addFrame(r, id, pixels);
    }
  }
  return r;
}

describe('webcamDataset', () => {
  it('is a labelled images spec at 32 px with the config fitted to colour frames', () => {
    const { spec, fit } = webcamDataset(recorded(true), DEFAULT_CONFIG);
    if (spec.kind !== 'images') throw new Error(`kind ${spec.kind}`);
    expect(spec.name).toBe('Webcam: cup, hand');
    expect(spec.set).toMatchObject({ count: 20, size: 32, channels: 3, classNames: ['cup', 'hand'] });
    expect(Array.from(spec.set.labels!)).toEqual([...Array(10).fill(0), ...Array(10).fill(1)]);
    expect(fit.config).toMatchObject({ imageSize: 32, channels: 3, patchSize: 8, patchStride: 4 });
  });

  it('trains grey frames on one channel', () => {
    const { spec, fit } = webcamDataset(recorded(false), DEFAULT_CONFIG);
    if (spec.kind !== 'images') throw new Error(`kind ${spec.kind}`);
    expect(fit.config.channels).toBe(1);
    expect(spec.set).toMatchObject({ channels: 1, size: 32 });
    expect(bytesOf(spec.set)[0]).toBe(40);
  });

  it('is kept with a saved run as an imported folder is, labels and class names included', async () => {
    const { spec } = webcamDataset(recorded(true), DEFAULT_CONFIG);
    if (spec.kind !== 'images') throw new Error(`kind ${spec.kind}`);
    const ref = datasetRefOf(spec, 'run-1');
    expect(ref).toEqual({ kind: 'images', name: 'Webcam: cup, hand', storedImagesId: 'run-1' });
    const store = await openIndexedDbRunStore(() => new IDBFactory());
    await store.saveImages('run-1', spec.set);
    const resumed = specForRef(ref, await store.loadImages('run-1'));
    expect(resumed).toEqual(spec);
  });
});
