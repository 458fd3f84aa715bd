import { useCallback, useEffect, useRef, type KeyboardEvent, type PointerEvent } from 'react';

/** Keys that hold a button down as a pointer does: the two that press a button. */
export function isHoldKey(key: string): boolean {
  return key === ' ' || key === 'Enter';
}

/**
 * Handlers that run `action` once when a button is pressed (pointer, Space or Enter) and then every
 * `intervalMs` until it is released, the pointer leaves, or the button loses focus.
 */
export function useHoldRepeat(action: () => void, intervalMs: number, disabled: boolean) {
  const actionRef = useRef(action);
  const timer = useRef<number | null>(null);
  useEffect(() => {
    actionRef.current = action;
  }, [action]);

  const release = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  }, []);
  const press = useCallback(() => {
    if (timer.current !== null || disabled) return;
    actionRef.current();
    timer.current = window.setInterval(() => actionRef.current(), intervalMs);
  }, [disabled, intervalMs]);

  useEffect(() => {
    if (disabled) release();
  }, [disabled, release]);
  useEffect(() => release, [release]);

  return {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      if (event.button === 0) press();
    },
    onPointerUp: release,
    onPointerCancel: release,
    // Sliding off the button ends the hold, as letting go does.
    onPointerLeave: release,
    onBlur: release,
    // A long touch would open the context menu over the button.
    onContextMenu: (event: { preventDefault: () => void }) => event.preventDefault(),
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      if (!isHoldKey(event.key)) return;
      // Space would scroll the page and Enter would click; the hold is the whole gesture.
      event.preventDefault();
      if (!event.repeat) press();
    },
    onKeyUp: (event: KeyboardEvent<HTMLElement>) => {
      if (!isHoldKey(event.key)) return;
      event.preventDefault();
      release();
    },
  };
}
