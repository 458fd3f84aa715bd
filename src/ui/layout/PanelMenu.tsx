import { PanelToggles } from './PanelToggles';
import { usePopover } from './usePopover';

/** The panel toggles behind one header button, so the header stays one line at 1024 px. */
export function PanelMenu() {
  const { open, toggle, panelId, root, button } = usePopover();
  return (
    <div className="popover-root" ref={root}>
      <button
        ref={button}
        type="button"
        data-testid="panels-menu"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        Panels ▾
      </button>
      <div id={panelId} className="popover popover-end" hidden={!open}>
        <PanelToggles />
      </div>
    </div>
  );
}
