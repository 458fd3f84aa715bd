import { BuiltinStatus } from '../data/BuiltinStatus';
import type { DatasetStatus } from '../data/datasetChoice';
import { FittedConfig } from '../data/FittedConfig';
import { usePlayground, usePlaygroundStore } from '../store/usePlayground';
import type { DatasetSpec } from '../../worker/protocol';
import type { Recording } from './recordedClasses';
import { webcamDataset } from './webcamDataset';
import { WebcamPanel } from './WebcamPanel';

interface Props {
  status: DatasetStatus;
  /** The set last made from the recording, or null before "Use these frames". */
  made: DatasetSpec | null;
  onMade: (spec: DatasetSpec) => void;
}

/**
 * The Data panel's "Webcam classes": the recorder, then the recording trained like an import (config
 * fitted to it, the same question once a run has trained), and its summary once the worker has it.
 */
export function WebcamChoice({ status, made, onMade }: Props) {
  const store = usePlaygroundStore();
  const chooseFitted = usePlayground((s) => s.chooseFittedDataset);
  const dataset = usePlayground((s) => s.dataset);
  const keepImages = usePlayground((s) => s.setKeepImages);
  const train = (recording: Recording) => {
    // Fitted to the config as the Model panel shows it now, as an import is.
    const { spec, fit } = webcamDataset(recording, store.getState().draftConfig);
    onMade(spec);
    // The frames exist nowhere else, so a saved run keeps them (in this browser) unless the user says not.
    keepImages(true);
    chooseFitted(spec, fit);
  };
  return (
    <>
      <WebcamPanel onUse={train} />
      <FittedConfig imports />
      {made !== null && dataset === made && <BuiltinStatus status={status} />}
    </>
  );
}
