import type { CpcConfig } from '../../cpc/config';
import { autoKMin, resolveGeometry } from '../../cpc/geometry';
import { candidateCount } from '../../cpc/losses/negatives';
import { chanceAccuracy } from '../store/configLogic';

export interface CpcWalkthrough {
  context: string;
  prediction: string;
  loss: string;
  /** Why the smallest k is what it is: a nearer target would share pixels with the context. */
  kStart: string;
  /** What the probe and its two baselines (random init, raw pixels) are for. */
  baselines: string;
}

const CONTEXT_MODELS: Record<CpcConfig['context'], string> = {
  gru: 'a GRU',
  lstm: 'an LSTM',
  'masked-conv': 'a stack of causal (masked) convolutions',
};

/** "How CPC works", told with the numbers of the given config; null when its grid is invalid. */
export function cpcWalkthrough(config: CpcConfig): CpcWalkthrough | null {
  const g = resolveGeometry(config).geometry;
  if (!g) return null;
  const candidates = candidateCount(config, g.grid);
  const chance = chanceAccuracy(config);
  const kRange = g.kMin === g.kMax ? `k = ${g.kMin}` : `each k from ${g.kMin} to ${g.kMax}`;
  const directions =
    g.directions.length > 1 ? ' The same task is set from below, from the left and from the right.' : '';
  const chanceLoss =
    config.loss === 'infonce'
      ? `At chance the loss is log ${candidates} = ${Math.log(candidates).toFixed(2)}`
      : `At chance the loss is log 2 = ${Math.log(2).toFixed(3)}`;
  return {
    context:
      `Each ${config.imageSize}×${config.imageSize} image is cut into a ${g.grid}×${g.grid} grid of ` +
      `${g.patchSize} px patches (stride ${g.stride}, ${Math.round(g.overlap * 100)}% overlap). ` +
      `The encoder turns every patch into a code z of ${config.codeSize} numbers. ` +
      `Reading the rows top to bottom, ${CONTEXT_MODELS[config.context]} sums up rows 0…t in a context ` +
      `vector c_t of ${config.contextHidden} numbers.`,
    prediction:
      `For ${kRange}, a linear map W_k turns c_t into a guess of the code k rows below: ẑ = W_k c_t. ` +
      `The guess is scored by a dot product with the true code and with ${candidates - 1} negatives ` +
      (config.candidates === 'row'
        ? `(every other patch of the target row, in every image of the batch).${directions}`
        : `(patches from elsewhere).${directions}`),
    loss:
      (config.loss === 'infonce'
        ? `InfoNCE: a softmax over the ${candidates} scores; the loss is −log p(true patch). `
        : `Sigmoid + binary cross-entropy: each candidate is judged real or fake on its own. `) +
      `${chanceLoss}; CPC accuracy at chance is 1/${candidates} = ${(100 * chance).toFixed(1)}%.`,
    kStart: kStartText(g.patchSize, g.stride, g.kMin),
    baselines:
      'The probe trains a small linear classifier on the frozen codes to read the class ' +
      'labels CPC never saw. Two baselines are probed the same way: the same encoder at random init ' +
      '(what the architecture gives without training) and the raw pixels (what needs no model at all). ' +
      'CPC has learned something useful when its probe rises above both.',
  };
}

/** "Why k starts at 2", in general: the first step ahead whose patch shares no pixel with the context. */
export function kStartText(patchSize: number, stride: number, kMin: number): string {
  const safe = autoKMin(patchSize, stride);
  const rule =
    `the first patch that shares no pixel with the context is ceil(patch / stride) = ` +
    `ceil(${patchSize} / ${stride}) = ${safe} steps ahead`;
  const near =
    safe > 1
      ? `Patches overlap (stride ${stride} < patch ${patchSize} px), so the patch 1 step ahead shares pixels ` +
        `with the context: predicting it would be copying pixels, not understanding the image. `
      : '';
  const chosen =
    kMin === safe
      ? `So k starts at ${kMin}.`
      : kMin > safe
        ? `This model starts further ahead, at k = ${kMin}.`
        : `This model starts at k = ${kMin}, which lets it copy pixels: a trivial task.`;
  return `Why k starts at ${kMin}: ${near}In general ${rule}. ${chosen}`;
}
