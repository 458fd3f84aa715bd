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
import { PanelMenu } from './layout/PanelMenu';
import { PANEL_TITLES } from './layout/PanelToggles';
import './layout/playground.css';
import { ModelPanel } from './model/ModelPanel';
import { PresetPicker } from './model/PresetPicker';
import type { PageSettings } from './pageSettings';
import { CopyLinkButton } from './share/CopyLinkButton';
import { PresenterToggle } from './presenter/PresenterToggle';
import { useLessonAutostart } from './share/useLessonAutostart';
import { datasetStatusOf } from './store/datasetStatus';
import { isPanelHidden } from './store/lessonSlice';
import { PlaygroundStoreProvider } from './store/PlaygroundStoreProvider';
import { PANEL_IDS } from './store/uiPrefsSlice';
import { usePlayground, usePlaygroundShallow } from './store/usePlayground';
import { RunAlerts, RunStatusBar } from './training/RunStatusBar';
import { TrainingControls } from './training/TrainingControls';
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
  /** The dataset chooser (left column), given what it needs from the run. */
  dataPanel?: (props: DataPanelProps) => ReactNode;
  /** The "what it learned" views (centre column): patch grid, neighbours, embedding map, probe. */
  learnedPanels?: ReactNode;
}

/**
 * The one screen: a one-line header, the row of training controls, then setup (Data, Model) on the
 * left, what the model sees (patch grid, neighbours, probe) in the centre, and the curves on the right.
 */
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
  const presetsHidden = usePlayground((s) => s.lesson.hiddenControls.includes('presets'));
  const shown = usePlaygroundShallow((s) => PANEL_IDS.filter((id) => !isPanelHidden(s, id)));
  const hasLeft = shown.includes('data') || shown.includes('model');
  const hasRight = shown.includes('training');
  return (
    <div className="playground">
      <PageDrop />
      <header className="app-header">
        <h1>CPC Playground</h1>
        <RunStatusBar />
        {/* The page's actions, right-aligned; a new header button is one more line here. */}
        <div className="header-actions">
          <KeepControls />
          <ExportMenu />
          <CompareRunsButton />
          <CopyLinkButton />
          <LessonOpenButton />
          <PresenterToggle fromLink={settings.presenter} />
          <PanelMenu />
        </div>
      </header>
      <RunAlerts onRestart={restart} />
      {settings.notes.length > 0 && (
        <ul data-testid="url-notes" className="url-notes">
          {settings.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      <GuidedLessonDrawer start={settings.guidedLesson} />
      <TrainingControls presetSlot={presetsHidden ? undefined : <PresetPicker />} />
      {/* Setup on the left, the model's view in the centre (the widest column), the curves on the right. */}
      <main className={`workspace${hasLeft ? ' has-left' : ''}${hasRight ? ' has-right' : ''}`}>
        {hasLeft && (
          <div className="column column-left">
            <Panel
              id="data"
              title={PANEL_TITLES.data}
              note="The images CPC trains on. It never sees their labels; labels only grade the probes."
            >
              {dataPanel ? (
                <DataSlot render={dataPanel} />
              ) : (
                <p className="note">Synthetic images (built in).</p>
              )}
            </Panel>
            <Panel
              id="model"
              title={PANEL_TITLES.model}
              note="How images become patches, codes and predictions. Live settings apply at once; restart settings rebuild the model."
            >
              <ModelPanel />
            </Panel>
          </div>
        )}
        <div className="column column-centre">
          <HowCpcWorks />
          <Panel
            id="learned"
            title={PANEL_TITLES.learned}
            note="What the codes are good for: which patches the model picks, which images it finds alike, how well a probe reads classes from them."
          >
            {learnedPanels ?? <p className="note">Nothing to show yet.</p>}
          </Panel>
        </div>
        {hasRight && (
          <div className="column column-right">
            <Panel
              id="training"
              title={PANEL_TITLES.training}
              note="The loss falls and the accuracy rises as the model learns to pick the true patch out of the negatives."
            >
              <TrainingPanel />
            </Panel>
          </div>
        )}
      </main>
    </div>
  );
}

function DataSlot({ render }: { render: (props: DataPanelProps) => ReactNode }) {
  const status = usePlaygroundShallow((s) => datasetStatusOf(s.run));
  const onDataset = usePlayground((s) => s.setDataset);
  return render({ status, onDataset });
}
