import { useEffect, useMemo, useRef, useState } from 'react';
import { imageBytes, type ImageSet } from '../../cpc/data/imageSet';
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
    const context = ref.current?.getContext('2d');
    if (!context) return;
    const { size, channels } = set;
    const image = context.createImageData(size * indices.length, size);
    const bytes = imageBytes(set);
    indices.forEach((index, slot) => {
      for (let y = 0; y < size; y++) {
        for (let x = 0; x < size; x++) {
          const s = index * bytes + (y * size + x) * channels;
          const d = (y * size * indices.length + slot * size + x) * 4;
          image.data[d] = set.pixels[s];
          image.data[d + 1] = set.pixels[s + (channels === 3 ? 1 : 0)];
          image.data[d + 2] = set.pixels[s + (channels === 3 ? 2 : 0)];
          image.data[d + 3] = 255;
        }
      }
    });
    context.putImageData(image, 0, 0);
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
