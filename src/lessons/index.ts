import { doesItLearn } from './doesItLearn';
import { fourDirections } from './fourDirections';
import { patchesAndGrid } from './patchesAndGrid';
import { predictingTheFuture } from './predictingTheFuture';
import { shortcuts } from './shortcuts';
import type { GuidedLesson } from './types';

/** The built-in lessons, in the order the page lists them. A new lesson: one file here and one line below. */
export const GUIDED_LESSONS: readonly GuidedLesson[] = [
  patchesAndGrid,
  predictingTheFuture,
  shortcuts,
  doesItLearn,
  fourDirections,
];

export function guidedLessonById(id: string): GuidedLesson | undefined {
  return GUIDED_LESSONS.find((lesson) => lesson.id === id);
}
