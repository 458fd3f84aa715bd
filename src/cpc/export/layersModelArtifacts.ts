import * as tf from '@tensorflow/tfjs';

/** model.json's text and its one weights file, ready to offer as two downloads. */
export interface LayersModelFiles {
  modelJson: string;
  weights: ArrayBuffer;
}

/**
 * The two files `tf.io.browserDownloads` would write for this model, without touching the DOM (so it
 * runs in a worker): model.json, whose weights manifest points at `./${weightsFileName}` as
 * browserDownloads' does, and the weights as one binary. `tf.loadLayersModel('…/model.json')` loads them
 * when both files are served from one folder.
 */
export async function serializeLayersModel(
  model: tf.LayersModel,
  weightsFileName = 'encoder.weights.bin',
): Promise<LayersModelFiles> {
  let files: LayersModelFiles | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new Error('A LayersModel saves its topology as JSON; got a binary topology.');
      }
      const manifest: tf.io.WeightsManifestConfig = [
        { paths: [`./${weightsFileName}`], weights: artifacts.weightSpecs ?? [] },
      ];
      files = {
        modelJson: JSON.stringify(modelJsonFor(artifacts, manifest)),
        weights: tf.io.CompositeArrayBuffer.join(artifacts.weightData),
      };
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
  if (!files) throw new Error('model.save did not call its save handler.');
  return files;
}

/** The object browserDownloads writes as model.json (tfjs-core's getModelJSONForModelArtifacts, not exported). */
function modelJsonFor(
  artifacts: tf.io.ModelArtifacts,
  manifest: tf.io.WeightsManifestConfig,
): tf.io.ModelJSON {
  const optional = {
    signature: artifacts.signature,
    userDefinedMetadata: artifacts.userDefinedMetadata,
    modelInitializer: artifacts.modelInitializer,
    initializerSignature: artifacts.initializerSignature,
    trainingConfig: artifacts.trainingConfig,
  };
  return {
    modelTopology: artifacts.modelTopology as object,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy,
    weightsManifest: manifest,
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value != null)),
  };
}
