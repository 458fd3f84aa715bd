import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import { createPlaygroundStore } from '../store/playgroundStore';
import type { ResumePlan } from '../store/resumeSlice';

const noFiles = async () => [];

function freshStore() {
  return createPlaygroundStore({
    config: DEFAULT_CONFIG,
    backend: 'wasm',
    dataset: { kind: 'synthetic', count: 8 },
  });
}

describe('the hand-over of a page-wide drop to an import section', () => {
  it('goes to the Data panel, and brings it back when a lesson or the user hid it', () => {
    const store = freshStore();
    store.getState().togglePanelShown('data');
    store.getState().importDropped('pets', noFiles);
    expect(store.getState().droppedImport).toMatchObject({ id: 1, target: 'data', name: 'pets' });
    expect(store.getState().hiddenPanels).not.toContain('data');
  });

  it('goes to the resume dialog while it asks for a folder', () => {
    const store = freshStore();
    store.setState({ folderRequest: {} as ResumePlan });
    store.getState().importDropped('photos', noFiles);
    expect(store.getState().droppedImport?.target).toBe('folder-request');
  });

  it('is finished only by the section that took this drop, not by an older one', () => {
    const store = freshStore();
    store.getState().importDropped('first', noFiles);
    store.getState().importDropped('second', noFiles);
    store.getState().finishDroppedImport(1);
    expect(store.getState().droppedImport).toMatchObject({ id: 2, name: 'second' });
    store.getState().finishDroppedImport(2);
    expect(store.getState().droppedImport).toBeNull();
    store.getState().importDropped('third', noFiles);
    store.getState().finishDroppedImport(2);
    expect(store.getState().droppedImport).toMatchObject({ id: 3, name: 'third' });
  });
});
