import { useMemo } from 'react';
import { cellRoles, patchRect } from './gridGeometry';
import type { InspectionEvent } from './inspectionTypes';
import { PixelCanvas } from './PixelCanvas';
import { thumbnailRgba } from './pixels';

/** The shown image as stored, with the context patches and the targets outlined where they lie on it. */
export function ImageOverlay({ inspection, scale }: { inspection: InspectionEvent; scale: number }) {
  const { images, image, geometry, prediction } = inspection;
  const picture = useMemo(() => thumbnailRgba(images, image), [images, image]);
  const roles = cellRoles(prediction, geometry.grid);
  return (
    <div
      className="image-overlay"
      aria-label="The image with its context and target patches outlined"
      role="img"
    >
      <PixelCanvas image={picture} scale={scale} />
      {roles.map((role, i) => {
        if (role.kind === 'other') return null;
        const rect = patchRect(
          [Math.floor(i / geometry.grid), i % geometry.grid],
          geometry.stride,
          geometry.patchSize,
        );
        return (
          <span
            key={i}
            className={`cell-mark cell-${role.kind}`}
            style={{
              left: rect.x * scale,
              top: rect.y * scale,
              width: rect.size * scale,
              height: rect.size * scale,
            }}
          />
        );
      })}
    </div>
  );
}
