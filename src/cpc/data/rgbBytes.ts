/**
 * Writes one image drawn in RGB floats ([size·size·3], nominally in [0, 1]) into an ImageSet's bytes at
 * `offset`: clamped and rounded, as RGB or as grayscale (luma weights of ITU-R BT.601).
 */
export function writeImageBytes(out: Uint8Array, offset: number, rgb: Float32Array, channels: 1 | 3): void {
  const n = rgb.length / 3;
  for (let i = 0; i < n; i++) {
    const r = rgb[3 * i];
    const g = rgb[3 * i + 1];
    const b = rgb[3 * i + 2];
    if (channels === 3) {
      out[offset + 3 * i] = toByte(r);
      out[offset + 3 * i + 1] = toByte(g);
      out[offset + 3 * i + 2] = toByte(b);
    } else {
      out[offset + i] = toByte(0.299 * r + 0.587 * g + 0.114 * b);
    }
  }
}

function toByte(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v * 255)));
}
