import { FRAME_BYTES, FRAME_SIDE } from './recordedClasses';

/** The largest centred square of a width × height frame, as drawImage's source rectangle. */
export function centreSquare(width: number, height: number): { sx: number; sy: number; side: number } {
  const side = Math.min(width, height);
  return { sx: Math.floor((width - side) / 2), sy: Math.floor((height - side) / 2), side };
}

/** Canvas RGBA bytes without their alpha (camera frames are opaque). */
export function rgbFromRgba(rgba: Uint8ClampedArray): Uint8Array {
  const n = rgba.length / 4;
  const rgb = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    rgb[3 * i] = rgba[4 * i];
    rgb[3 * i + 1] = rgba[4 * i + 1];
    rgb[3 * i + 2] = rgba[4 * i + 2];
  }
  return rgb;
}

/**
 * The video's current frame, centre-cropped square and shrunk to FRAME_SIDE on `canvas` (the browser's
 * smoothing averages the pixels away); null while the video has no frame yet. Nothing leaves the page.
 */
export function captureFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Uint8Array | null {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
  canvas.width = FRAME_SIDE;
  canvas.height = FRAME_SIDE;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  const { sx, sy, side } = centreSquare(video.videoWidth, video.videoHeight);
  context.imageSmoothingQuality = 'high';
  context.drawImage(video, sx, sy, side, side, 0, 0, FRAME_SIDE, FRAME_SIDE);
  const rgb = rgbFromRgba(context.getImageData(0, 0, FRAME_SIDE, FRAME_SIDE).data);
  return rgb.length === FRAME_BYTES ? rgb : null;
}
