import type { ColumnsGeometry } from '../convGeometry';

/** [rows, columns] of the column matrix. */
export function columnsShape(g: ColumnsGeometry): [number, number] {
  return [g.n * g.ho * g.wo, g.kh * g.kw * g.cin];
}

/** The geometry as kernel attributes, and back: tfjs passes attributes as a flat record. */
export function geometryAttrs(g: ColumnsGeometry): Record<keyof ColumnsGeometry, number> {
  return { ...g };
}

export function geometryFromAttrs(attrs: Record<string, unknown>): ColumnsGeometry {
  const keys = ['n', 'h', 'w', 'cin', 'kh', 'kw', 'stride', 'top', 'left', 'ho', 'wo'] as const;
  const g = {} as ColumnsGeometry;
  for (const key of keys) {
    const value = attrs[key];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
      throw new Error(`columns geometry: ${key} must be a non-negative integer, got ${String(value)}`);
    g[key] = value;
  }
  return g;
}
