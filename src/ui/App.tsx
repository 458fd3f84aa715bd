import { DatasetPanel } from './data/DatasetPanel';
import { DEFAULT_DATASET } from './data/datasetChoice';
import { LearnedPanels } from './learned/LearnedPanels';
import type { PageSettings } from './pageSettings';
import { Playground } from './Playground';

export function App({ settings }: { settings: PageSettings }) {
  return (
    <Playground
      settings={settings}
      initialDataset={DEFAULT_DATASET}
      dataPanel={(props) => <DatasetPanel {...props} />}
      learnedPanels={<LearnedPanels />}
    />
  );
}
