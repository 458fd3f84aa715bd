import { useEffect } from 'react';
import { usePlaygroundShallow } from '../store/usePlayground';
import { searchWithLesson } from './lessonUrl';

/** Keeps `lesson=` and `step=` in the address in step with the open lesson, so a reload or a copy lands there. */
export function useLessonUrl(): void {
  const { id, stepIndex } = usePlaygroundShallow((s) => ({
    id: s.guidedLesson?.id ?? null,
    stepIndex: s.guidedLesson?.stepIndex ?? 0,
  }));
  useEffect(() => {
    const search = searchWithLesson(window.location.search, id === null ? null : { id, stepIndex });
    if (search === window.location.search) return;
    const { pathname, hash } = window.location;
    window.history.replaceState(window.history.state, '', `${pathname}${search}${hash}`);
  }, [id, stepIndex]);
}
