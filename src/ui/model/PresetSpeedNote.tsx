import { usePlayground } from '../store/usePlayground';
import { presetSpeedNote } from './presetSpeed';

/** One line beside the preset picker when the run is (or will be) slow on the backend in use. */
export function PresetSpeedNote() {
  const presetId = usePlayground((s) => s.presetId);
  const backend = usePlayground((s) => s.run.backend?.name ?? null);
  const measuredStepsPerSecond = usePlayground((s) => s.run.stepsPerSecond);
  const note = presetSpeedNote({ presetId, backend, measuredStepsPerSecond });
  if (!note) return null;
  return (
    <p className="preset-speed" data-testid="preset-speed" data-kind={note.kind}>
      {note.text}
    </p>
  );
}
