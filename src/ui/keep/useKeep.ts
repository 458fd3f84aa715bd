import { useEffect } from 'react';
import type { CheckpointFileCheck } from '../../cpc/checkpoint/format';
import { readCheckpointFile } from '../../datasets/browser/archiveClient';
import type { ClientEventType } from '../../worker/client';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';
import { openIndexedDbRunStore } from './indexedDbRunStore';

/** What the keep slice listens to: autosave triggers, save answers, resume outcomes. */
const KEEP_EVENTS: readonly ClientEventType[] = [
  'state',
  'metrics',
  'checkpoint',
  'request-failed',
  'error',
  'crash',
];

/**
 * Wires saving and resuming into the page: opens the run store once, feeds the worker's events to the keep
 * slice (after the run slice has folded them), and takes a checkpoint file dropped anywhere on the page.
 */
export function useKeep(): void {
  const store = usePlaygroundStore();
  const connection = usePlayground((s) => s.connection);

  useEffect(() => {
    let live = true;
    openIndexedDbRunStore().then(
      (runStore) => live && void store.getState().attachRunStore(runStore),
      (error: Error) => live && void store.getState().attachRunStore(null, error.message),
    );
    return () => {
      live = false;
    };
  }, [store]);

  useEffect(() => {
    if (!connection) return;
    const { keepEvent } = store.getState();
    const unsubscribe = KEEP_EVENTS.map((type) => connection.on(type, keepEvent));
    return () => unsubscribe.forEach((off) => off());
  }, [connection, store]);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!event.defaultPrevented && event.dataTransfer?.types.includes('Files')) event.preventDefault();
    };
    const onDrop = (event: DragEvent) => {
      // A drop zone (the dataset import) that took the drop has already claimed it.
      if (event.defaultPrevented) return;
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      if (files.length > 1) {
        store.setState({ keepError: 'Drop one checkpoint file at a time. The current run goes on.' });
        return;
      }
      void loadCheckpointFile(files[0], store.getState().resumeFile);
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [store]);
}

/** Opens the file in the archive worker (never on the main thread), then hands the verdict to the store. */
export async function loadCheckpointFile(
  file: File,
  resumeFile: (check: CheckpointFileCheck, fileName: string) => Promise<void>,
): Promise<void> {
  await resumeFile(await readCheckpointFile(file), file.name);
}
