import { useEffect, useMemo, useRef, useState } from 'react';
import { isStored, subsetImages, type ImageSet } from '../../cpc/data/imageSet';
import { readStoredImages } from '../../datasets/browser/storedImports';
import { thumbnailRows, visibleRange } from './thumbnailRows';

const PER_ROW = 12;
const THUMB_PX = 40;
const ROW_PX = THUMB_PX + 4;
const VIEW_PX = 240;

/** Samples per class; only the rows in view are in the DOM, one canvas per row. */
export function ThumbnailGrid({ set }: { set: ImageSet }) {
  const rows = useMemo(() => thumbnailRows(set, PER_ROW), [set]);
  const [scrollTop, setScrollTop] = useState(0);
  const { first, last } = visibleRange(scrollTop, VIEW_PX, ROW_PX, rows.length);
  return (
    <div
      className="thumbnail-grid"
      data-testid="thumbnail-grid"
      style={{ height: VIEW_PX }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: rows.length * ROW_PX, position: 'relative' }}>
        {rows.slice(first, last).map((row, i) => (
          <div
            key={first + i}
            className="thumbnail-row"
            style={{ top: (first + i) * ROW_PX, height: ROW_PX }}
          >
            {row.kind === 'heading' ? (
              <strong>{row.title}</strong>
            ) : (
              <ThumbnailStrip set={set} indices={row.indices} />
            )}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Images of `set` side by side on one canvas, each shown `thumbPx` wide. */
export function ThumbnailStrip({
  set,
  indices,
  thumbPx = THUMB_PX,
}: {
  set: ImageSet;
  indices: number[];
  thumbPx?: number;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    const { pixels } = set;
    // A set kept on disk is read a strip at a time; one in memory is drawn at once.
    const strip = isStored(pixels)
      ? readStoredImages({ ...set, pixels }, indices)
      : Promise.resolve(subsetImages(set, indices).pixels);
    strip.then(
      (bytes) => live && drawStrip(ref.current, bytes, set.size, set.channels, indices.length),
      () => {}, // a file deleted under the page (another tab cleared the site's data): the strip stays blank
    );
    return () => {
      live = false;
    };
  }, [set, indices]);
  return (
    <canvas
      ref={ref}
      width={set.size * indices.length}
      height={set.size}
      title={indices.map((i) => set.names?.[i] ?? `#${i}`).join(', ')}
      style={{ width: thumbPx * indices.length, height: thumbPx }}
    />
  );
}

/** `bytes` ([count, size, size, channels]) drawn side by side on the canvas. */
function drawStrip(
  canvas: HTMLCanvasElement | null,
  bytes: Uint8Array,
  size: number,
  channels: 1 | 3,
  count: number,
): void {
  const context = canvas?.getContext('2d');
  if (!context) return;
  const image = context.createImageData(size * count, size);
  const perImage = size * size * channels;
  for (let slot = 0; slot < count; slot++) {
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const s = slot * perImage + (y * size + x) * channels;
        const d = (y * size * count + slot * size + x) * 4;
        image.data[d] = bytes[s];
        image.data[d + 1] = bytes[s + (channels === 3 ? 1 : 0)];
        image.data[d + 2] = bytes[s + (channels === 3 ? 2 : 0)];
        image.data[d + 3] = 255;
      }
    }
  }
  context.putImageData(image, 0, 0);
}
