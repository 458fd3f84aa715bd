import { useEffect, useState } from 'react';
import { usePlaygroundStore } from '../store/usePlayground';
import { actOnDrop, type DropNotice } from './actOnDrop';
import { dragHint } from './dragHint';
import { takeDroppedSources } from './droppedSources';

export interface PageDrop {
  /** What the overlay says while files are dragged over the page; null hides it. */
  hint: string | null;
  notice: DropNotice | null;
  dismissNotice: () => void;
}

const carriesFiles = (event: DragEvent): boolean => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * One drop handler for the whole page (on window, so it works over every panel and every drop zone):
 * an overlay while files are dragged, then the dropped content decides what happens (./actOnDrop.ts).
 */
export function usePageDrop(): PageDrop {
  const store = usePlaygroundStore();
  const [hint, setHint] = useState<string | null>(null);
  const [notice, setNotice] = useState<DropNotice | null>(null);

  useEffect(() => {
    // dragenter and dragleave come in pairs, one per element crossed; the drag has left the window
    // when every enter has had its leave.
    let depth = 0;
    let drops = 0;
    const hide = () => {
      depth = 0;
      setHint(null);
    };
    const onDragEnter = (event: DragEvent) => {
      const next = dragHint(Array.from(event.dataTransfer?.items ?? []));
      if (next === null) return;
      depth += 1;
      setHint(next);
    };
    const onDragOver = (event: DragEvent) => {
      // Without this the browser opens the file in place of the page.
      if (carriesFiles(event)) event.preventDefault();
    };
    const onDragLeave = () => {
      if (depth > 0 && --depth === 0) setHint(null);
    };
    const onDrop = (event: DragEvent) => {
      if (!event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      hide();
      const serial = ++drops;
      const { importDropped, resumeFile } = store.getState();
      void actOnDrop(takeDroppedSources(event.dataTransfer), {
        notice: setNotice,
        importImages: importDropped,
        resume: resumeFile,
        current: () => serial === drops,
      });
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') hide();
    };
    const listeners = [
      ['dragenter', onDragEnter],
      ['dragover', onDragOver],
      ['dragleave', onDragLeave],
      ['drop', onDrop],
      ['dragend', hide],
      ['keydown', onKeyDown],
    ] as const;
    for (const [type, listener] of listeners) window.addEventListener(type, listener as EventListener);
    return () => {
      for (const [type, listener] of listeners) window.removeEventListener(type, listener as EventListener);
    };
  }, [store]);

  return { hint, notice, dismissNotice: () => setNotice(null) };
}
