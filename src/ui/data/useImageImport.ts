import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportResult } from '../../datasets/assembleImport';
import type { ImportFile } from '../../datasets/browser/fileSources';
import { importImages, nextTask } from '../../datasets/browser/importImages';

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading' }
  | { phase: 'decoding'; done: number; total: number }
  | { phase: 'done'; result: ImportResult; filesSeen: number; name: string }
  | { phase: 'cancelled' }
  | { phase: 'failed'; message: string };

/**
 * An import owned by one component (the resume dialog's folder request): one at a time, a new one cancels
 * the one in flight, and it ends with the component. The Data panel's import lives in the store instead
 * (./importSlice.ts), so it outlives the panel.
 */
export function useImageImport(
  size: number,
  channels: 1 | 3,
  onImported: (result: ImportResult, name: string) => void,
) {
  const [state, setState] = useState<ImportState>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);
  const onImportedRef = useRef(onImported);
  useEffect(() => {
    onImportedRef.current = onImported;
  }, [onImported]);

  const start = useCallback(
    async (name: string, listFiles: () => Promise<ImportFile[]>) => {
      abortRef.current?.abort();
      const controller = new AbortController();
      abortRef.current = controller;
      // An import replaced by a newer one says nothing more: the newer one owns the section.
      const show = (next: ImportState) => abortRef.current === controller && setState(next);
      show({ phase: 'reading' });
      try {
        const files = await listFiles();
        const result = await importImages(files, {
          size,
          channels,
          signal: controller.signal,
          onProgress: ({ done, total }) => show({ phase: 'decoding', done, total }),
        });
        show({ phase: 'done', result, filesSeen: files.length, name });
        // The summary draws in one task, fitting and handing the set to the training worker in the next.
        await nextTask();
        if (result.set.count > 0 && !controller.signal.aborted) onImportedRef.current(result, name);
      } catch (error) {
        if (controller.signal.aborted) show({ phase: 'cancelled' });
        else show({ phase: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    },
    [size, channels],
  );

  const cancel = useCallback(() => abortRef.current?.abort(), []);
  // Closing the dialog mid-import must not resume the run behind the user's back.
  useEffect(() => () => abortRef.current?.abort(), []);
  return { state, start, cancel };
}
