import type { CpcConfig } from '../../cpc/config';
import type { FittedConfig } from '../../cpc/fitConfig';
import { presetById, type PresetId } from '../../cpc/presets';
import type { GuidedLesson, LessonPanel, LessonSetup } from '../../lessons/types';
import type { DatasetSpec } from '../../worker/protocol';
import { specForChoice } from '../data/datasetChoice';
import { fitBuiltin, fitTextures } from '../data/fitImport';
import { shareableDataset } from '../share/urlState';

/** Why the config stays as it is when a lesson picks a set that needs no fitting (synthetic shapes). */
const KEPT_FIT = 'Chosen by the lesson: image size and colour stay as they are.';

/** What a step's setup does to the page, worked out from the page's state (nothing applied yet). */
export interface SetupPlan {
  presetId: PresetId | null;
  /** The config the step wants; equal to the draft when the setup names no preset, set or field. */
  config: CpcConfig;
  /** Another data set with `config` fitted to it, or null to keep the current set. */
  dataset: { spec: DatasetSpec; fit: FittedConfig } | null;
  /** Panels to hide while the step is open; null: as they are. */
  hiddenPanels: readonly LessonPanel[] | null;
}

export interface SetupBase {
  draftConfig: CpcConfig;
  dataset: DatasetSpec;
  presetId: PresetId | null;
}

/** The preset (or the draft), then the data set's fitted size and colour, then the step's own fields. */
export function planSetup(setup: LessonSetup, base: SetupBase): SetupPlan {
  let config = setup.preset ? presetById(setup.preset).config : base.draftConfig;
  let dataset: SetupPlan['dataset'] = null;
  const spec = setup.dataset ? specForChoice(setup.dataset) : null;
  if (spec && shareableDataset(base.dataset) !== setup.dataset) {
    const fitted =
      spec.kind === 'textures' ? fitTextures(config) : spec.kind === 'builtin' ? fitBuiltin(config) : null;
    config = fitted?.config ?? config;
    dataset = {
      spec,
      fit: { config: { ...config, ...setup.fields }, reasons: fitted?.reasons ?? [KEPT_FIT] },
    };
  }
  return {
    presetId: setup.preset ?? base.presetId,
    config: { ...config, ...setup.fields },
    dataset,
    hiddenPanels: setup.hiddenPanels ?? null,
  };
}

/**
 * Everything steps 1…`index` set up, for opening a lesson part-way (a link to step 3 finds the data set
 * step 2 chose). A later preset replaces the fields set before it; later fields and sets override.
 */
export function setupUpTo(lesson: GuidedLesson, index: number): LessonSetup {
  let merged: LessonSetup = {};
  for (const step of lesson.steps.slice(0, index + 1)) {
    const setup = step.setup;
    if (!setup) continue;
    merged = {
      preset: setup.preset ?? merged.preset,
      dataset: setup.dataset ?? merged.dataset,
      fields: setup.preset ? { ...setup.fields } : { ...merged.fields, ...setup.fields },
      hiddenPanels: setup.hiddenPanels ?? merged.hiddenPanels,
    };
  }
  return merged;
}
