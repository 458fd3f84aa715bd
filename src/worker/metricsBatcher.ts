import type { MetricsRow } from './protocol';

export interface MetricsBatch {
  rows: MetricsRow[];
  /** Over the rows of this batch, from their own step times (idle time between steps is not counted). */
  stepsPerSecond: number;
  imagesPerSecond: number;
}

/**
 * Collects step rows and releases them at most once per interval, so a fast backend (hundreds of steps
 * a second on a tiny model) does not flood the page with messages and re-renders.
 */
export class MetricsBatcher {
  private rows: MetricsRow[] = [];
  private lastFlush = -Infinity;

  constructor(private readonly intervalMs = 100) {}

  /** Adds a row; returns a batch when the interval since the last one has passed. */
  push(row: MetricsRow, now: number): MetricsBatch | null {
    this.rows.push(row);
    return now - this.lastFlush >= this.intervalMs ? this.flush(now) : null;
  }

  /** Releases whatever is pending (on pause, error or reset), or null when nothing is. */
  flush(now: number): MetricsBatch | null {
    if (this.rows.length === 0) return null;
    const rows = this.rows;
    this.rows = [];
    this.lastFlush = now;
    const seconds = rows.reduce((sum, row) => sum + row.stepMs, 0) / 1000;
    const images = rows.reduce((sum, row) => sum + row.batchSize, 0);
    return {
      rows,
      stepsPerSecond: seconds > 0 ? rows.length / seconds : 0,
      imagesPerSecond: seconds > 0 ? images / seconds : 0,
    };
  }
}
