import { isPanelHidden } from '../store/lessonSlice';
import { PANEL_IDS, type PanelId } from '../store/uiPrefsSlice';
import { usePlayground, usePlaygroundShallow } from '../store/usePlayground';

export const PANEL_TITLES: Record<PanelId, string> = {
  data: 'Data',
  model: 'Model',
  training: 'Training',
  learned: 'What it learned',
};

/** Show or hide whole panels (a teacher hides what the lesson is not about). */
export function PanelToggles() {
  const hiddenPanels = usePlaygroundShallow((s) => PANEL_IDS.filter((id) => isPanelHidden(s, id)));
  const togglePanel = usePlayground((s) => s.togglePanelShown);
  return (
    <div className="panel-toggles" role="group" aria-label="Panels shown">
      {PANEL_IDS.map((id) => (
        <button
          key={id}
          data-testid={`toggle-panel-${id}`}
          aria-pressed={!hiddenPanels.includes(id)}
          onClick={() => togglePanel(id)}
        >
          {PANEL_TITLES[id]}
        </button>
      ))}
    </div>
  );
}
