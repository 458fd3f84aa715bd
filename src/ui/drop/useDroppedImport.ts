import { useEffect } from 'react';
import type { ImportFile } from '../../datasets/browser/fileSources';
import { usePlayground } from '../store/usePlayground';
import type { DropTarget } from './dropSlice';

/**
 * Runs the page-wide drop addressed to this import section through the section's own import, so a drop
 * shows the same progress, summary and skipped files as the pickers. The drop is finished (and cannot
 * run again when the section remounts) once the import settles.
 */
export function useDroppedImport(
  target: DropTarget,
  start: (name: string, listFiles: () => Promise<ImportFile[]>) => Promise<void>,
): void {
  const dropped = usePlayground((s) => (s.droppedImport?.target === target ? s.droppedImport : null));
  const finish = usePlayground((s) => s.finishDroppedImport);
  useEffect(() => {
    if (dropped) void start(dropped.name, dropped.listFiles).finally(() => finish(dropped.id));
  }, [dropped, start, finish]);
}
