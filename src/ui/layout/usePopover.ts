import { useEffect, useId, useRef, useState, type RefObject } from 'react';

/**
 * A button that toggles a small panel (a disclosure, not a modal): Escape or a press outside closes it,
 * and Escape hands focus back to the button so a keyboard user is not lost.
 */
export function usePopover(): {
  open: boolean;
  toggle: () => void;
  close: () => void;
  panelId: string;
  root: RefObject<HTMLDivElement | null>;
  button: RefObject<HTMLButtonElement | null>;
} {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  return { open, toggle: () => setOpen((o) => !o), close: () => setOpen(false), panelId, root, button };
}
