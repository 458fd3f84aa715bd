import { memo, useEffect, useRef } from 'react';
import { FRAME_SIDE } from './recordedClasses';

interface Props {
  pixels: Uint8Array;
  /** Names the frame for a screen reader, e.g. "frame 3 of cup". */
  label: string;
  classId: number;
  frameId: number;
  /** Stable across renders, so a new frame re-renders only itself. */
  onDelete: (classId: number, frameId: number) => void;
}

/** One recorded frame as it will train (centre square, 32 px); pressing it deletes the frame. */
export const FrameThumb = memo(function FrameThumb({ pixels, label, classId, frameId, onDelete }: Props) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(FRAME_SIDE, FRAME_SIDE);
    for (let i = 0; i < FRAME_SIDE * FRAME_SIDE; i++) {
      image.data.set(pixels.subarray(3 * i, 3 * i + 3), 4 * i);
      image.data[4 * i + 3] = 255;
    }
    context.putImageData(image, 0, 0);
  }, [pixels]);
  return (
    <button
      type="button"
      className="webcam-frame"
      data-testid="webcam-frame"
      aria-label={`Delete ${label}`}
      title="Delete this frame"
      onClick={() => onDelete(classId, frameId)}
    >
      <canvas ref={ref} width={FRAME_SIDE} height={FRAME_SIDE} />
    </button>
  );
});
