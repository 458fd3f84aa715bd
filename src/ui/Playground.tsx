import type { ReactNode } from 'react';
import type { DatasetSpec } from '../worker/protocol';
import type { DatasetStatus } from './data/datasetChoice';
import { CompareRunsButton } from './compare/CompareRunsButton';
import { PageDrop } from './drop/PageDrop';
import { ExportMenu } from './export/ExportMenu';
import { KeepControls } from './keep/KeepControls';
import { GuidedLessonDrawer } from './lessons/GuidedLessonDrawer';
import { LessonOpenButton } from './lessons/LessonOpenButton';
import { HowCpcWorks } from './layout/HowCpcWorks';
import { Panel } from './layout/Panel';
import { PANEL_TITLES, PanelToggles } from './layout/PanelToggles';
import './layout/playground.css';
import { ModelPanel } from './model/ModelPanel';
import type { PageSettings } from './pageSettings';
import { CopyLinkButton } from './share/CopyLinkButton';
import { PresenterToggle } from './presenter/PresenterToggle';
import { useLessonAutostart } from './share/useLessonAutostart';
import { datasetStatusOf } from './store/datasetStatus';
import { PlaygroundStoreProvider } from './store/PlaygroundStoreProvider';
import { usePlayground, usePlaygroundShallow } from './store/usePlayground';
import { RunStatusBar } from './training/RunStatusBar';
import { TrainingPanel } from './training/TrainingPanel';
import { useTrainingShortcuts } from './training/useTrainingShortcuts';
import { useTrainingWorker } from './training/useTrainingWorker';

const DEFAULT_DATASET: DatasetSpec = { kind: 'synthetic', count: 512 };

export interface DataPanelProps {
  status: DatasetStatus;
  /** Trains on another set: a new init (the current weights are dropped). */
  onDataset: (spec: DatasetSpec) => void;
}

interface Props {
  settings: PageSettings;
  /** What the worker trains on until the data panel picks something else. */
  initialDataset?: DatasetSpec;
  /** The dataset chooser (column 1), given what it needs from the run. */
  dataPanel?: (props: DataPanelProps) => ReactNode;
  /** The "what it learned" views (column 4): patch grid, neighbours, embedding map, probe. */
  learnedPanels?: ReactNode;
}

/** The one screen: Data → Model → Training → What it learned, left to right. */
export function Playground({ settings, initialDataset = DEFAULT_DATASET, dataPanel, learnedPanels }: Props) {
  return (
    <PlaygroundStoreProvider
      init={{
        config: settings.config,
        backend: settings.backend,
        dataset: initialDataset,
        presetId: settings.presetId,
        lesson: settings.lesson,
      }}
    >
      <PlaygroundScreen settings={settings} dataPanel={dataPanel} learnedPanels={learnedPanels} />
    </PlaygroundStoreProvider>
  );
}

function PlaygroundScreen({ settings, dataPanel, learnedPanels }: Omit<Props, 'initialDataset'>) {
  const { restart } = useTrainingWorker();
  useTrainingShortcuts();
  useLessonAutostart();
  return (
    <div className="playground">
      <PageDrop />
      <header className="playground-header">
        <h1>CPC Playground</h1>
        <RunStatusBar onRestart={restart} />
        <KeepControls />
        <PanelToggles />
        <ExportMenu />
        <CompareRunsButton />
        <CopyLinkButton />
        <LessonOpenButton />
        <PresenterToggle fromLink={settings.presenter} />
      </header>
      {settings.notes.length > 0 && (
        <ul data-testid="url-notes" className="url-notes">
          {settings.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <GuidedLessonDrawer start={settings.guidedLesson} />
      <HowCpcWorks />
      <main className="columns">
        <Panel
          id="data"
          title={PANEL_TITLES.data}
          note="The images CPC trains on. It never sees their labels; labels only grade the probes."
        >
          {dataPanel ? <DataSlot render={dataPanel} /> : <p className="note">Synthetic images (built in).</p>}
        </Panel>
        <Panel
          id="model"
          title={PANEL_TITLES.model}
          note="How images become patches, codes and predictions. Live settings apply at once; restart settings rebuild the model."
        >
          <ModelPanel />
        </Panel>
        <Panel
          id="training"
          title={PANEL_TITLES.training}
          note="The loss falls and the accuracy rises as the model learns to pick the true patch out of the negatives."
        >
          <TrainingPanel />
        </Panel>
        <Panel
          id="learned"
          title={PANEL_TITLES.learned}
          note="What the codes are good for: which patches the model picks, which images it finds alike, how well a probe reads classes from them."
        >
          {learnedPanels ?? <p className="note">Nothing to show yet.</p>}
        </Panel>
      </main>
    </div>
  );
}

function DataSlot({ render }: { render: (props: DataPanelProps) => ReactNode }) {
  const status = usePlaygroundShallow((s) => datasetStatusOf(s.run));
  const onDataset = usePlayground((s) => s.setDataset);
  return render({ status, onDataset });
}
