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
 * Wires saving and resuming into the page: opens the run store once and feeds the worker's events to the
 * keep slice (after the run slice has folded them). A checkpoint dropped on the page comes through the
 * page-wide drop handler (src/ui/drop/), which tells it from images by its content.
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
}

/** Opens the file in the archive worker (never on the main thread), then hands the verdict to the store. */
export async function loadCheckpointFile(
  file: File,
  resumeFile: (check: CheckpointFileCheck, fileName: string) => Promise<void>,
): Promise<void> {
  await resumeFile(await readCheckpointFile(file), file.name);
}
