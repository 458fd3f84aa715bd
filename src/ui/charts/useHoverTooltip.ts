import { useMemo, useState, type FocusEvent } from 'react';

/**
 * Whether a chart's tooltip should exist: while the pointer is over the chart or focus is inside it
 * (recharts moves its tooltip with the arrow keys). A mounted tooltip re-runs its selectors on every
 * update of its chart, so while nobody looks, charts update without one.
 */
export function useHoverTooltip() {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const handlers = useMemo(
    () => ({
      onPointerEnter: () => setHovered(true),
      onPointerLeave: () => setHovered(false),
      onFocus: () => setFocused(true),
      onBlur: (event: FocusEvent<HTMLElement>) => {
        if (!event.currentTarget.contains(event.relatedTarget)) setFocused(false);
      },
    }),
    [],
  );
  return { active: hovered || focused, handlers };
}
