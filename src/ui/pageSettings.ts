import {
  GUIDED_LESSON_PARAMS,
  readGuidedLessonLink,
  writeGuidedLessonLink,
  type GuidedLessonLink,
} from './lessons/lessonUrl';
import {
  LESSON_PARAMS,
  readLessonOptions,
  writeLessonOptions,
  type LessonOptions,
} from './share/lessonOptions';
import { PRESENTER_PARAM, readPresenter } from './share/presenterParam';
import { readSharedSetup, SETUP_PARAMS, writeSharedSetup, type SharedSetup } from './share/urlState';

/**
 * What the URL asks for: the run's setup (preset, config fields, data set, backend) and a lesson's
 * options. See share/urlState.ts and share/lessonOptions.ts for the parameters.
 */
export interface PageSettings extends SharedSetup {
  lesson: LessonOptions;
  /** A guided lesson to open (`lesson=<id>&step=N`); null when the link names none. */
  guidedLesson: GuidedLessonLink | null;
  /** `presenter=1|0`: the presenter view on or off; null leaves it to the stored preference. */
  presenter: boolean | null;
  /** Parts of the URL that were ignored, and why; shown on the page. */
  notes: string[];
}

/** `testHooks` (and `moveToSoftwareGpu`) are read by the training hook for e2e tests; a link may carry them. */
const KNOWN_PARAMS = new Set<string>([
  ...SETUP_PARAMS,
  ...LESSON_PARAMS,
  ...GUIDED_LESSON_PARAMS,
  PRESENTER_PARAM,
  'testHooks',
  'moveToSoftwareGpu',
]);

export function readPageSettings(search: string): PageSettings {
  const params = new URLSearchParams(search);
  const notes: string[] = [];
  const setup = readSharedSetup(params, notes);
  const lesson = readLessonOptions(params, notes);
  const guidedLesson = readGuidedLessonLink(params, notes);
  const presenter = readPresenter(params, notes);
  for (const name of new Set(params.keys())) {
    const count = params.getAll(name).length;
    if (!KNOWN_PARAMS.has(name)) notes.push(`${name} ignored: unknown parameter.`);
    else if (count > 1) notes.push(`${name} appears ${count} times: only the first is used.`);
  }
  return { ...setup, lesson, guidedLesson, presenter, notes: [...new Set(notes)] };
}

/** The page's address with the parameters that reproduce this setup and lesson (and the guided lesson's step). */
export function pageLink(
  base: string,
  setup: SharedSetup,
  lesson: LessonOptions,
  guidedLesson: GuidedLessonLink | null = null,
) {
  const params = new URLSearchParams();
  const { datasetShared } = writeSharedSetup(setup, params);
  writeLessonOptions(lesson, params);
  if (guidedLesson) writeGuidedLessonLink(guidedLesson, params);
  const search = [...params].map(([name, value]) => `${name}=${queryValue(value)}`).join('&');
  return { link: search === '' ? base : `${base}?${search}`, datasetShared };
}

/** Commas are legal in a query and keep `hide=data,model` readable. */
function queryValue(value: string): string {
  return encodeURIComponent(value).replace(/%2C/g, ',');
}
