import { GUIDED_LESSONS, guidedLessonById } from '../../lessons';

/** `?lesson=<id>&step=N`: a guided lesson opened at step N (1-based in the link, 0-based here). */
export interface GuidedLessonLink {
  id: string;
  stepIndex: number;
}

export const GUIDED_LESSON_PARAMS = ['lesson', 'step'] as const;

/** Reads the lesson parameters; what it cannot use is ignored and described in `notes`. */
export function readGuidedLessonLink(params: URLSearchParams, notes: string[]): GuidedLessonLink | null {
  const id = params.get('lesson');
  const step = params.get('step');
  if (id === null) {
    if (step !== null) notes.push(`step=${step} ignored: it needs lesson=.`);
    return null;
  }
  const lesson = guidedLessonById(id);
  if (!lesson) {
    const ids = GUIDED_LESSONS.map((known) => known.id).join(', ');
    notes.push(`lesson=${id} ignored: expected one of ${ids}.`);
    return null;
  }
  if (step === null) return { id, stepIndex: 0 };
  const n = step.trim() === '' ? NaN : Number(step);
  if (Number.isInteger(n) && n >= 1 && n <= lesson.steps.length) return { id, stepIndex: n - 1 };
  notes.push(
    `step=${step} ignored: "${lesson.title}" has steps 1 to ${lesson.steps.length} (opening step 1).`,
  );
  return { id, stepIndex: 0 };
}

/** Sets `lesson=` and its 1-based `step=`. */
export function writeGuidedLessonLink(link: GuidedLessonLink, params: URLSearchParams): void {
  params.set('lesson', link.id);
  params.set('step', String(link.stepIndex + 1));
}

/** The page's query with the lesson parameters for `link` (or without them), the others kept as they are. */
export function searchWithLesson(search: string, link: GuidedLessonLink | null): string {
  const params = new URLSearchParams(search);
  for (const name of GUIDED_LESSON_PARAMS) params.delete(name);
  if (link) writeGuidedLessonLink(link, params);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
