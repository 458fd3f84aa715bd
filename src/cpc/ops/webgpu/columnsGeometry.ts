/**
 * Where a 2-D convolution's input pixels meet its kernel taps, for the column form of the convolution:
 * x [N, H, W, Cin] ↦ columns [N·Ho·Wo, kh·kw·Cin], row (n, oy, ox), column (ky, kx, ci), holding
 * x[n, oy·s − top + ky, ox·s − left + kx, ci] or 0 in the padding. NHWC, no dilation.
 */
export interface ColumnsGeometry {
  n: number;
  h: number;
  w: number;
  cin: number;
  kh: number;
  kw: number;
  stride: number;
  /** Padding rows above and columns left of the input (tf.conv2d's 'same' split; 0 for 'valid'). */
  top: number;
  left: number;
  ho: number;
  wo: number;
}

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
