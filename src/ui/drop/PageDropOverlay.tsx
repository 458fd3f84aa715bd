import './drop.css';

/** Covers the page while files are dragged over it; it lets the drag through to the page underneath. */
export function PageDropOverlay({ hint }: { hint: string }) {
  return (
    <div className="drop-overlay" data-testid="drop-overlay" aria-live="polite">
      <p className="drop-overlay-hint">{hint}</p>
    </div>
  );
}
