import { TrainingCharts } from './TrainingCharts';
import { TrainingControls } from './TrainingControls';
import { TrainingStats } from './TrainingStats';

export function TrainingPanel() {
  return (
    <div className="training-panel">
      <TrainingControls />
      <TrainingStats />
      <TrainingCharts />
    </div>
  );
}
