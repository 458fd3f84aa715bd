import { useEffect, useRef, useState, type RefObject } from 'react';
import { usePlayground } from '../store/usePlayground';
import './export.css';
import { useExportActions, type ExportKind } from './useExportActions';

const ITEMS: readonly { kind: ExportKind; label: string; detail: string; needsWorker: boolean }[] = [
  {
    kind: 'encoder',
    label: 'Encoder (tfjs LayersModel)',
    detail: 'model.json + weights; loads with tf.loadLayersModel',
    needsWorker: true,
  },
  {
    kind: 'checkpoint',
    label: 'Full checkpoint (zip)',
    detail: 'Weights, optimizer state, config and curves; drop it back to continue',
    needsWorker: true,
  },
  {
    kind: 'pytorch',
    label: 'Continue in PyTorch (zip)',
    detail:
      'cpc.py, train.py, config and weights.pt: train on with torchrun, on as many GPUs as divide the batch size',
    needsWorker: true,
  },
  {
    kind: 'embeddings',
    label: 'Embeddings (Embedding Projector)',
    detail: 'vectors.tsv + metadata.tsv for projector.tensorflow.org',
    needsWorker: true,
  },
  {
    kind: 'metrics',
    label: 'Metrics (CSV)',
    detail: 'Loss and accuracy curves, and probe runs',
    needsWorker: false,
  },
];

const BUSY_TEXT: Record<ExportKind, string> = {
  encoder: 'Exporting the encoder…',
  checkpoint: 'Saving the checkpoint…',
  pytorch: 'Writing the PyTorch project…',
  embeddings: 'Computing embeddings…',
  metrics: 'Writing CSV…',
};

type Status = { kind: 'idle' } | { kind: 'busy'; what: ExportKind } | { kind: 'failed'; message: string };

/** The header's Export button: a menu of downloads of the current run. */
export function ExportMenu() {
  const ready = usePlayground((s) => s.run.phase === 'ready');
  const runExport = useExportActions();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const root = useRef<HTMLDivElement>(null);
  useDismiss(open, root, () => setOpen(false));

  const choose = async (kind: ExportKind) => {
    setOpen(false);
    setStatus({ kind: 'busy', what: kind });
    try {
      await runExport(kind);
      setStatus({ kind: 'idle' });
    } catch (error) {
      setStatus({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const busy = status.kind === 'busy';

  return (
    <div className="export-menu" ref={root}>
      <button
        type="button"
        data-testid="export-menu"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Export ▾
      </button>
      {open && (
        <ul className="export-menu-items" role="menu" aria-label="Export">
          {ITEMS.map((item) => (
            <li key={item.kind} role="none">
              <button
                type="button"
                role="menuitem"
                data-testid={`export-${item.kind}`}
                disabled={busy || (item.needsWorker && !ready)}
                onClick={() => void choose(item.kind)}
              >
                {item.label}
                <small>{item.detail}</small>
              </button>
            </li>
          ))}
        </ul>
      )}
      {status.kind === 'busy' && (
        <span className="export-status" data-testid="export-status" role="status">
          {BUSY_TEXT[status.what]}
        </span>
      )}
      {status.kind === 'failed' && (
        <span className="export-error" data-testid="export-error" role="alert">
          Export failed: {status.message}{' '}
          <button type="button" onClick={() => setStatus({ kind: 'idle' })} aria-label="Dismiss">
            ×
          </button>
        </span>
      )}
    </div>
  );
}

/** Closes the menu on Escape or on a pointer press outside it. */
function useDismiss(open: boolean, root: RefObject<HTMLElement | null>, close: () => void): void {
  const latestClose = useRef(close);
  useEffect(() => {
    latestClose.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && latestClose.current();
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) latestClose.current();
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open, root]);
}
