import { useId, useRef, type ReactNode } from 'react';
import { ChartPngButton } from '../export/ChartPngButton';

interface Props {
  title: string;
  /** The chart's content in words (aria-describedby and visible under the chart). */
  summary: string;
  points: number;
  testId: string;
  children: ReactNode;
}

/** A titled chart with an accessible name and a text summary of what it shows. */
export function ChartFigure({ title, summary, points, testId, children }: Props) {
  const id = useId();
  const plot = useRef<HTMLDivElement>(null);
  return (
    <figure className="chart" data-testid={testId} data-points={points} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ChartPngButton target={plot} title={title} />
      <div
        ref={plot}
        role="img"
        aria-label={`${title} chart`}
        aria-describedby={`${id}-summary`}
        className="chart-plot"
      >
        {children}
      </div>
      <p id={`${id}-summary`} className="chart-summary" aria-live="off">
        {summary}
      </p>
    </figure>
  );
}
