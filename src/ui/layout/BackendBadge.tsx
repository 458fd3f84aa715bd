import { usePlayground } from '../store/usePlayground';
import { backendBadgeText } from './backendBadgeText';
import { usePopover } from './usePopover';

/**
 * The backend in a few characters ("WASM · 68 ms/step"); the worker's full reason (every candidate
 * and its timing) sits in a popover, so the header keeps one line whatever the reason says.
 * The popover stays in the DOM while closed: `data-testid="backend"` keeps its text for the specs.
 */
export function BackendBadge() {
  const backend = usePlayground((s) => s.run.backend);
  const stepsPerSecond = usePlayground((s) => s.run.stepsPerSecond);
  const stayed = usePlayground((s) => s.run.stayed);
  // The presenter view names the backend without its timings.
  const presenter = usePlayground((s) => s.presenter);
  const { open, toggle, panelId, root, button } = usePopover();
  return (
    <div className="backend-badge popover-root" ref={root}>
      <button
        ref={button}
        type="button"
        className="badge-button"
        data-testid="backend-badge"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={toggle}
      >
        <span className="visually-hidden">Backend: </span>
        {backendBadgeText(backend?.name ?? null, presenter ? 0 : stepsPerSecond)}
      </button>
      <div id={panelId} className="popover" role="region" aria-label="Backend details" hidden={!open}>
        <p>
          Training runs on{' '}
          <strong data-testid="backend" title="Override with ?backend=webgpu|webgl|wasm|cpu|auto in the URL.">
            {backend ? (presenter ? backend.name : `${backend.name}: ${backend.reason}`) : '…'}
          </strong>
        </p>
        {stayed && !presenter && (
          <p className="note" data-testid="backend-check">
            Looked for a faster backend while training: {stayed}
          </p>
        )}
        <p className="note">
          Pick another with <code>?backend=webgpu|webgl|wasm|cpu|auto</code> in the page&apos;s address.
        </p>
      </div>
    </div>
  );
}
