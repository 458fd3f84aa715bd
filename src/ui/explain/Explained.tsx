import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './explain.css';

interface Props {
  /** The one-line explanation (explanations.ts). */
  text: string;
  children: ReactNode;
  /** A test id for the wrapper, so specs can hover and focus it. */
  testId?: string;
}

interface Place {
  left: number;
  top: number;
}

/**
 * A number with its one-line explanation: shown on hover and on keyboard focus, dismissed with Escape
 * (WCAG 1.4.13), and the value's accessible description (aria-describedby). The tip lives in document.body,
 * fixed over the page: the panels' scrolling cannot clip it, showing it moves nothing, and the wrapped
 * value's own text (which specs and the page read) stays just the value.
 */
export function Explained({ text, children, testId }: Props) {
  const id = useId();
  const anchor = useRef<HTMLSpanElement>(null);
  const [place, setPlace] = useState<Place | null>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const open = (hovered || focused) && place !== null;
  const show = (mark: (value: boolean) => void) => () => {
    const box = anchor.current?.getBoundingClientRect();
    // Kept inside the window: the tip is at most 18rem (288 px) wide.
    if (box)
      setPlace({ left: Math.max(4, Math.min(box.left, window.innerWidth - 296)), top: box.bottom + 4 });
    mark(true);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') setPlace(null);
  };
  return (
    <span
      ref={anchor}
      className="explained"
      data-testid={testId}
      // Focusable so keyboard users reach the explanation; the value is not a control.
      tabIndex={0}
      aria-describedby={id}
      onPointerEnter={show(setHovered)}
      onPointerLeave={() => setHovered(false)}
      onFocus={show(setFocused)}
      onBlur={() => setFocused(false)}
      onKeyDown={onKeyDown}
    >
      {children}
      {createPortal(
        <span
          role="tooltip"
          id={id}
          className="explain-tip"
          data-open={open || undefined}
          style={open ? { left: place.left, top: place.top } : undefined}
        >
          {text}
        </span>,
        document.body,
      )}
    </span>
  );
}
