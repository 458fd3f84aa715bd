import type { ReactNode } from 'react';

/** What recharts hands a custom tick (the parts drawn here). */
interface AxisTickProps {
  x: number;
  y: number;
  payload: { value: unknown };
  index: number;
  visibleTicksCount?: number;
  textAnchor?: 'start' | 'middle' | 'end';
  verticalAnchor?: 'start' | 'middle' | 'end';
  fill?: string;
  className?: string;
  tickFormatter?: (value: never, index: number) => string;
}

/** How far the baseline drops below the tick's y for each vertical anchor (recharts' own cap height). */
const ANCHOR_DY = { start: '0.71em', middle: '0.355em', end: '0' } as const;

/**
 * A tick label as one plain <text>; recharts calls this with the tick's props. Its own tick measures
 * every new label in the DOM (to wrap it, and to drop labels that would overlap), and each measurement
 * forces a layout of the whole page while training updates it.
 */
function axisTick(props: unknown): ReactNode {
  const tick = props as AxisTickProps;
  const { x, y, payload, index, visibleTicksCount = 0, verticalAnchor = 'middle', tickFormatter } = tick;
  const text = tickFormatter ? tickFormatter(payload.value as never, index) : String(payload.value);
  // Recharts' own ticks shift the last label of a bottom axis inwards; this one ends at its tick
  // instead, so the chart's edge does not clip it.
  const lastOfBottomAxis = verticalAnchor === 'start' && index > 0 && index === visibleTicksCount - 1;
  return (
    <text
      x={x}
      y={y}
      dy={ANCHOR_DY[verticalAnchor]}
      textAnchor={lastOfBottomAxis ? 'end' : tick.textAnchor}
      fill={tick.fill}
      className={tick.className}
    >
      {text}
    </text>
  );
}

/**
 * Axis settings that draw ticks without measuring text (spread onto XAxis and YAxis): every one of the
 * axis's few "nice" ticks is drawn (`interval: 0`), so none has to be measured to drop overlaps.
 */
export const UNMEASURED_TICKS = { interval: 0, tick: axisTick } as const;
