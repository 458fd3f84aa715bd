import { useState, type RefObject } from 'react';
import { chartPng, pngFileName } from './chartPng';
import { downloadBlob } from './download';
import './export.css';

interface Props {
  /** The element that holds the chart's SVG (and legend). */
  target: RefObject<HTMLElement | null>;
  /** The chart's title, which names the file. */
  title: string;
}

/** A small "PNG" button that downloads the chart as it is drawn now, on a white background. */
export function ChartPngButton({ target, title }: Props) {
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    if (!target.current) return;
    try {
      downloadBlob(await chartPng(target.current), pngFileName(title));
      setError(null);
    } catch (cause) {
      setError(`PNG failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  };
  return (
    <span className="chart-png">
      <button
        type="button"
        data-testid="chart-png"
        aria-label={`Download the ${title} chart as PNG`}
        onClick={() => void save()}
      >
        PNG
      </button>
      {error && (
        <span role="alert" className="export-error">
          {error}
        </span>
      )}
    </span>
  );
}
