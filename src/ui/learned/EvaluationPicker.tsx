import { useMemo, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { EvaluationImages } from './inspectionTypes';
import { PixelCanvas } from './PixelCanvas';
import { thumbnailSheetRgba } from './pixels';
import { moveSheetCursor, sheetIndexAt } from './thumbnailSheet';

const PER_ROW = 16;
const CELL_PX = 16;

interface Props {
  evaluation: EvaluationImages;
  selected: number;
  onPick: (index: number) => void;
}

/** Every evaluation image on one scrolling sheet; click one (or arrows and Enter) to make it the query. */
export function EvaluationPicker({ evaluation, selected, onPick }: Props) {
  const { images } = evaluation;
  const sheet = useMemo(() => thumbnailSheetRgba(images, PER_ROW), [images]);
  const [cursor, setCursor] = useState(selected);
  const scale = CELL_PX / images.size;

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const index = sheetIndexAt(
      event.clientX - box.left,
      event.clientY - box.top,
      CELL_PX,
      PER_ROW,
      images.count,
    );
    if (index === null) return;
    setCursor(index);
    onPick(index);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(cursor);
    } else if (event.key.startsWith('Arrow')) {
      event.preventDefault();
      setCursor(moveSheetCursor(cursor, event.key, PER_ROW, images.count));
    }
  };
  const at = (index: number) => ({
    left: (index % PER_ROW) * CELL_PX,
    top: Math.floor(index / PER_ROW) * CELL_PX,
    width: CELL_PX,
    height: CELL_PX,
  });
  return (
    <div className="evaluation-scroll">
      <div
        className="evaluation-sheet"
        tabIndex={0}
        role="group"
        aria-label={`${images.count} evaluation images. Arrow keys move, Enter finds the neighbours of image ${cursor + 1}.`}
        onClick={onClick}
        onKeyDown={onKeyDown}
        data-testid="nn-picker"
      >
        <PixelCanvas image={sheet} scale={scale} aria-hidden />
        <span className="sheet-selected" style={at(selected)} />
        <span className="cell-cursor" style={at(cursor)} />
      </div>
    </div>
  );
}
