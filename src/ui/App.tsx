import { DatasetPanel } from './data/DatasetPanel';
import { LearnedPanels } from './learned/LearnedPanels';
import type { PageSettings } from './pageSettings';
import { Playground } from './Playground';

export function App({ settings }: { settings: PageSettings }) {
  return (
    <Playground
      settings={settings}
      initialDataset={settings.dataset}
      dataPanel={(props) => <DatasetPanel {...props} />}
      learnedPanels={<LearnedPanels />}
    />
  );
}
