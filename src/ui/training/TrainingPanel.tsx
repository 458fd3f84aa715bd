import { TrainingCharts } from './TrainingCharts';
import { TrainingStats } from './TrainingStats';

/** The Training panel: the run's figures and its curves (the controls live in the page's control row). */
export function TrainingPanel() {
  return (
    <div className="training-panel">
      <TrainingStats />
      <TrainingCharts />
    </div>
  );
}
