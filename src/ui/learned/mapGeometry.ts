/** Screen positions of the map's points, laid out [N, 2] like the points they come from. */
export function fitPoints(points: Float32Array, width: number, height: number, pad: number): Float32Array {
  const n = points.length / 2;
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    minX = Math.min(minX, points[2 * i]);
    maxX = Math.max(maxX, points[2 * i]);
    minY = Math.min(minY, points[2 * i + 1]);
    maxY = Math.max(maxY, points[2 * i + 1]);
  }
  // A collapsed axis (all codes equal at init) is drawn through the middle instead of dividing by zero.
  const spanX = maxX - minX || 1;
  const spanY = maxY - minY || 1;
  const out = new Float32Array(points.length);
  for (let i = 0; i < n; i++) {
    out[2 * i] = pad + ((points[2 * i] - minX) / spanX) * (width - 2 * pad);
    // Screen y grows downwards; the second component grows upwards as in a textbook plot.
    out[2 * i + 1] = height - pad - ((points[2 * i + 1] - minY) / spanY) * (height - 2 * pad);
  }
  return out;
}

/** The point nearest to (x, y) within `radius` pixels, or null. */
export function nearestPoint(screen: Float32Array, x: number, y: number, radius: number): number | null {
  let best: number | null = null;
  let bestDistance = radius * radius;
  for (let i = 0; i < screen.length / 2; i++) {
    const distance = (screen[2 * i] - x) ** 2 + (screen[2 * i + 1] - y) ** 2;
    if (distance <= bestDistance) {
      best = i;
      bestDistance = distance;
    }
  }
  return best;
}

/** Ten colours that stay apart for common colour blindness (Tableau 10); classes beyond ten repeat them. */
const CLASS_COLOURS = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

export function classColour(label: number | null): string {
  return label === null ? '#555' : CLASS_COLOURS[label % CLASS_COLOURS.length];
}
