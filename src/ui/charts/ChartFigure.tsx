import { useId, useRef, type ReactNode } from 'react';
import { ChartPngButton } from '../export/ChartPngButton';
import './charts.css';

interface Props {
  title: string;
  /** The chart's content in words (aria-describedby and visible under the chart). */
  summary: string;
  /** The plot's accessible name, what a glance tells (e.g. "Loss over 120 steps, now 2.31, chance 2.77"). */
  label?: string;
  /** Drawn under the plot and into the exported PNG (ChartLegend). */
  legend?: ReactNode;
  points: number;
  testId: string;
  children: ReactNode;
}

/** A titled chart with an accessible name and a text summary of what it shows. */
export function ChartFigure({ title, summary, label, legend, points, testId, children }: Props) {
  const id = useId();
  const plot = useRef<HTMLDivElement>(null);
  return (
    <figure className="chart" data-testid={testId} data-points={points} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <ChartPngButton target={plot} title={title} />
      <div ref={plot} className="chart-plot">
        <div role="img" aria-label={label ?? `${title} chart`} aria-describedby={`${id}-summary`}>
          {children}
        </div>
        {legend}
      </div>
      <p id={`${id}-summary`} className="chart-summary" aria-live="off">
        {summary}
      </p>
    </figure>
  );
}
