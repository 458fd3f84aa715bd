import type { PredictionInspection } from '../../cpc/model/inspect';

export interface MarkRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GridMarks {
  context: MarkRect[];
  targets: (MarkRect & { k: number })[];
  /** From the centre of the last context patch to the nearest target's; null without targets. */
  arrow: { x1: number; y1: number; x2: number; y2: number } | null;
}

/** Where the context and target patches sit on a mosaic of `patchSize` pixels per patch, `gap` apart. */
export function gridMarks(prediction: PredictionInspection, patchSize: number, gap: number): GridMarks {
  const pitch = patchSize + gap;
  const rect = ([row, col]: readonly [number, number]): MarkRect => ({
    x: col * pitch,
    y: row * pitch,
    width: patchSize,
    height: patchSize,
  });
  const context = prediction.context.map(rect);
  const targets = prediction.targets.map((t) => ({ ...rect([t.row, t.col]), k: t.k }));
  const from = context.at(-1);
  const to = targets[0];
  const centre = (r: MarkRect) => [r.x + r.width / 2, r.y + r.height / 2] as const;
  const arrow =
    from && to ? { x1: centre(from)[0], y1: centre(from)[1], x2: centre(to)[0], y2: centre(to)[1] } : null;
  return { context, targets, arrow };
}
