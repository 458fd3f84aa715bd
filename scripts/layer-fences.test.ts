import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The layer fences in eslint.config.js, tried on planted files: a fence that nothing trips is a style
// rule that nothing runs. Only the fence rules run, so an unused import is not what fails a case.
const FENCE_RULES = new Set([
  'no-restricted-imports',
  '@typescript-eslint/no-restricted-imports',
  'no-restricted-globals',
  'test-helpers/no-restricted-imports',
]);
const eslint = new ESLint({ ruleFilter: ({ ruleId }) => FENCE_RULES.has(ruleId) });

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe('layer fences', () => {
  it.each([
    ['src/ui/store/planted.ts', "import * as tf from '@tensorflow/tfjs';", /tfjs runs in the worker/],
    ['src/ui/store/planted.ts', "import { CpcTrainer } from '../../cpc/train/trainer';", /tfjs-free modules/],
    ['src/ui/planted.tsx', "import { embedImages } from '../cpc/model/embed';", /tfjs-free modules/],
    ['src/ui/store/planted.ts', "import { Exclusive } from '../../worker/analysis/exclusive';", /protocol/],
    ['src/ui/store/planted.ts', "import { loadDataset } from '../../worker/dataset';", /protocol/],
    ['src/main.tsx', "import * as tf from '@tensorflow/tfjs';", /tfjs runs in the worker/],
    ['src/cpc/presets.ts', "import { CpcModel } from './model/cpcModel';", /TFJS_FREE_CORE/],
    ['src/cpc/data/textures.ts', "import * as tf from '@tensorflow/tfjs';", /tfjs runs in the worker/],
    [
      'src/cpc/export/pytorch/torchSave.ts',
      "import { CpcModel } from '../../model/cpcModel';",
      /TFJS_FREE_CORE/,
    ],
    ['src/worker/planted.ts', "import { usePlayground } from '../ui/store/playgroundStore';", /never do/],
    ['src/worker/analysis/planted.ts', "import { App } from '../../ui/App';", /never do/],
    ['src/datasets/planted.ts', "import { readPageSettings } from '../ui/pageSettings';", /never do/],
    ['src/node/planted.ts', "import { usePlayground } from '../ui/store/playgroundStore';", /never do/],
    ['src/datasets/planted.ts', "export const c = document.createElement('canvas');", /DOM/],
    ['src/ui/store/planted.ts', "import { testRow } from '../testing/testRuns';", /Test helpers/],
    ['src/worker/planted.ts', "import { tinyConfig } from '../cpc/testing/tinyConfig';", /Test helpers/],
    [
      'src/cpc/eval/planted.ts',
      "import { clusteredFeatures } from '../testing/clusteredFeatures';",
      /Test helpers/,
    ],
  ])('%s: %s is an error', async (filePath, code, reason) => {
    const errors = await fenceErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
  });

  it.each([
    [
      'src/ui/store/planted.ts',
      [
        "import { DEFAULT_CONFIG } from '../../cpc/config';",
        "import { readCheckpointManifest } from '../../cpc/checkpoint/format';",
        "import { IMAGE_FEATURES } from '../../cpc/model/imageFeatureInfo';",
        "import { buildPytorchProject } from '../../cpc/export/pytorch/pytorchProject';",
        "import { TrainingClient } from '../../worker/client';",
        "import type { WorkerCommand } from '../../worker/protocol';",
        // Type-only imports are erased from the bundle, so they may name tfjs modules.
        "import type { ProbeResult } from '../../cpc/eval';",
        "import type { Exclusive } from '../../worker/analysis/exclusive';",
      ],
    ],
    ['src/cpc/data/textures.ts', ["import { createRng } from '../random';"]],
    ['src/worker/planted.ts', ["import { CpcTrainer } from '../cpc/train/trainer';"]],
    ['src/datasets/browser/planted.ts', ["export const c = document.createElement('canvas');"]],
    // Tests and the helpers themselves may use the helpers.
    ['src/ui/store/planted.test.ts', ["import { testRow } from '../testing/testRuns';"]],
    ['src/worker/planted.test.ts', ["import { tinyConfig } from '../cpc/testing/tinyConfig';"]],
    ['src/cpc/testing/planted.ts', ["import { tinyConfig } from './tinyConfig';"]],
  ])('%s: allowed imports pass', async (filePath, lines) => {
    expect(await fenceErrors(filePath, lines.join('\n'))).toEqual([]);
  });
});
