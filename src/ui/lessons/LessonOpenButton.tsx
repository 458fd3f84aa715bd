import { useEffect, useRef, useState } from 'react';
import { GUIDED_LESSONS } from '../../lessons';
import { usePlayground } from '../store/usePlayground';
import './lessons.css';

/** The header's Lessons button: a list of the guided lessons; choosing one opens it at its first step. */
export function LessonOpenButton() {
  const open = usePlayground((s) => s.openGuidedLesson);
  const [listOpen, setListOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!listOpen) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && setListOpen(false);
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setListOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [listOpen]);
  return (
    <div className="lesson-open" ref={root}>
      <button
        type="button"
        data-testid="lesson-open"
        aria-haspopup="menu"
        aria-expanded={listOpen}
        onClick={() => setListOpen((o) => !o)}
      >
        Lessons ▾
      </button>
      {listOpen && (
        <ul className="lesson-list" role="menu" aria-label="Guided lessons">
          {GUIDED_LESSONS.map((lesson) => (
            <li key={lesson.id} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`lesson-choose-${lesson.id}`}
                onClick={() => {
                  setListOpen(false);
                  open(lesson.id, 0);
                }}
              >
                {lesson.title}
                <small>{lesson.summary}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
