import { useEffect, useId, useState, type ReactNode } from 'react';
import { usePlayground } from '../store/usePlayground';
import { EmbeddingMapPanel } from './EmbeddingMapPanel';
import type { EvaluationImages } from './inspectionTypes';
import './learned.css';
import { NeighboursPanel } from './NeighboursPanel';
import { PatchGridPanel } from './PatchGridPanel';
import { ProbePanel } from './ProbePanel';
import { useRunRefresh } from './useRunRefresh';
import { useWorkerEvent } from './useWorkerEvent';
import { VisualisationRate } from './VisualisationRate';

/**
 * Column 4, "What it learned": patch grid, nearest neighbours, embedding map and probe. The evaluation
 * images are fetched once per run and shared; each run remounts the views, so nothing of an old run
 * (a query index, a probe history) leaks into a new one.
 */
export function LearnedPanels() {
  const send = usePlayground((s) => s.send);
  const { run } = useRunRefresh(false);
  const [runNumber, setRunNumber] = useState(0);
  const [evaluation, setEvaluation] = useState<EvaluationImages | null>(null);
  useWorkerEvent('ready', () => {
    setRunNumber((n) => n + 1);
    setEvaluation(null);
  });
  useWorkerEvent('evaluation-images', setEvaluation);
  useEffect(() => {
    if (run) send({ type: 'request-evaluation-images' });
  }, [run, send]);

  return (
    <div className="learned" key={runNumber}>
      <VisualisationRate />
      <Section
        title="Patch grid"
        note="The model's view of one image: pick a context patch and see which patches it thinks come next, best first."
      >
        <PatchGridPanel />
      </Section>
      <Section
        title="Nearest neighbours"
        note={`The ${evaluation?.source === 'held-out' ? 'held-out' : 'evaluation'} images whose codes point the same way as the query's (cosine similarity); labels are only shown, never used.`}
      >
        <NeighboursPanel evaluation={evaluation} />
      </Section>
      <Section
        title="Embedding map"
        note="Each dot is an image's code squashed to 2-D (PCA); classes that cluster are what the encoder tells apart. Hover a dot to see its image."
      >
        <EmbeddingMapPanel evaluation={evaluation} />
      </Section>
      <Section
        title="Probe"
        note="How well a simple classifier reads the classes from the frozen codes, beside the same encoder before any training and beside the raw pixels: CPC has learned something when it beats both."
      >
        <ProbePanel evaluation={evaluation} />
      </Section>
    </div>
  );
}

function Section({ title, note, children }: { title: string; note: string; children: ReactNode }) {
  const id = useId();
  return (
    <section className="learned-section" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <p className="what">{note}</p>
      {children}
    </section>
  );
}
