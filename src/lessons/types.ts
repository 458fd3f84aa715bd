import type { CpcConfig } from '../cpc/config';
import type { Direction } from '../cpc/geometry';
import type { ImageFeature } from '../cpc/model/imageFeatureInfo';
import type { PresetId } from '../cpc/presets';

/**
 * A guided lesson: a short walk through one idea of CPC, step by step. Lessons are plain data (one file
 * per lesson in this folder, listed in index.ts), so a teacher adds one without touching the page.
 * Not to be confused with a link's lesson options (`hide=`, `autostart=`, `steps=`, share/lessonOptions.ts),
 * which a guided lesson's setups reuse for hiding panels.
 */
export interface GuidedLesson {
  /** In the link (`?lesson=<id>`): lower-case words joined by hyphens. */
  id: string;
  title: string;
  /** One line for the list of lessons. */
  summary: string;
  /** 3–5 steps, shown in order. */
  steps: readonly LessonStep[];
}

export interface LessonStep {
  title: string;
  /** The explanation, one paragraph per entry. */
  text: readonly string[];
  /** Applied when the step is entered (by Next, Back or a link); absent: the page stays as it is. */
  setup?: LessonSetup;
  /** Something to do, which the page can see done; absent: a step to read. */
  tryThis?: TryThis;
}

/** The panels of the page, as `hide=` names them (checked against the page's own list in a test). */
export type LessonPanel = 'data' | 'model' | 'training' | 'learned';

/** The data sets a setup can choose: those a link can name (checked against the page's list in a test). */
export type LessonDataset = 'fashion-mnist' | 'mnist' | 'synthetic' | 'textures';

/**
 * What a step changes. Order of application: the preset (or the current config without one), then the
 * data set's fitted config (size, colour), then `fields` on top, so a step's fields always win.
 */
export interface LessonSetup {
  preset?: PresetId;
  fields?: Partial<CpcConfig>;
  dataset?: LessonDataset;
  /** Exactly these panels are hidden while the step is open (an empty list shows them all). */
  hiddenPanels?: readonly LessonPanel[];
}

export interface TryThis {
  /** What to do, addressed to the student. */
  prompt: string;
  check: LessonCheck;
}

/**
 * What the page checks to tick a "try this". Each kind is evaluated from a small snapshot of the page's
 * state, against the snapshot taken when the step opened (checks.ts).
 */
export type LessonCheck =
  /** Training has moved on by at least `steps` since the step opened. */
  | { kind: 'steps-grew'; steps: number }
  /** The model in use has `field` set to `value` (a rebuild counts only once it is applied). */
  | { kind: 'config-equals'; field: keyof CpcConfig; value: CpcConfig[keyof CpcConfig] }
  /** Training is running. */
  | { kind: 'training' }
  /** A probe ran since the step opened, at step `atLeastStep` or later (0: any step). */
  | { kind: 'probe-ran'; atLeastStep: number; feature?: ImageFeature }
  /** The patch grid shows another prediction than when the step opened (in `direction`, if given). */
  | { kind: 'patch-changed'; direction?: Direction };

export type LessonCheckKind = LessonCheck['kind'];
