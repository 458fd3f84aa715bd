import { useEffect, useState } from 'react';
import { EXPLAIN } from '../explain/explanations';
import { Explained } from '../explain/Explained';
import { usePlayground } from '../store/usePlayground';
import { plainNumber } from '../charts/chartFormat';
import { formatBytes, formatDuration } from './runStatus';

/** How often the page heap is read: the getter costs about half a millisecond in Chromium. */
const HEAP_EVERY_MS = 2000;

/** Non-standard (Chromium only): the page's JS heap. */
function pageHeapBytes(): number | null {
  const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
  return memory ? memory.usedJSHeapSize : null;
}

/** The page heap, sampled every few seconds rather than on every metrics render. */
function usePageHeap(): number | null {
  const [heap, setHeap] = useState(pageHeapBytes);
  useEffect(() => {
    const timer = setInterval(() => setHeap(pageHeapBytes()), HEAP_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return heap;
}

export function TrainingStats() {
  const accuracy = usePlayground((s) => s.run.latest?.accuracy ?? null);
  const learningRate = usePlayground((s) => s.run.latest?.learningRate ?? null);
  const stepsPerSecond = usePlayground((s) => s.run.stepsPerSecond);
  const imagesPerSecond = usePlayground((s) => s.run.imagesPerSecond);
  const memory = usePlayground((s) => s.run.memory);
  const trainingMs = usePlayground((s) => s.run.trainingMs);
  const backend = usePlayground((s) => s.run.backend?.name ?? 'backend');
  const heap = usePageHeap();
  // Developer figures (tensors, memory, heap) are left out of the presenter view.
  const presenter = usePlayground((s) => s.presenter);
  return (
    <dl className="stats metrics">
      <Stat
        label="CPC accuracy"
        explain={EXPLAIN.cpcAccuracy}
        testId="cpc-accuracy"
        value={accuracy !== null ? `${(100 * accuracy).toFixed(1)}%` : '–'}
      />
      <Stat
        label="Learning rate"
        explain={EXPLAIN.learningRate}
        testId="learning-rate"
        value={learningRate !== null ? plainNumber(learningRate) : '–'}
      />
      <Stat
        label="Speed"
        explain={EXPLAIN.speed}
        testId="speed"
        value={stepsPerSecond > 0 ? `${stepsPerSecond.toFixed(1)} steps/s` : '–'}
      />
      <Stat
        label="Images"
        explain={EXPLAIN.images}
        testId="images-per-second"
        value={imagesPerSecond > 0 ? `${imagesPerSecond.toFixed(0)} /s` : '–'}
      />
      <Stat
        label="Training time"
        explain={EXPLAIN.trainingTime}
        testId="elapsed"
        value={formatDuration(trainingMs)}
      />
      {!presenter && (
        <Stat
          label="Tensors"
          explain={EXPLAIN.tensors}
          testId="tensors"
          value={memory ? `${memory.numTensors} (${formatBytes(memory.numBytes)} on ${backend})` : '–'}
        />
      )}
      {!presenter && memory?.numBytesInGPU !== undefined && (
        <Stat
          label="GPU memory"
          explain={EXPLAIN.gpuMemory}
          testId="gpu-memory"
          value={formatBytes(memory.numBytesInGPU)}
        />
      )}
      {!presenter && heap !== null && (
        <Stat label="Page JS heap" explain={EXPLAIN.pageHeap} testId="js-heap" value={formatBytes(heap)} />
      )}
    </dl>
  );
}

interface StatProps {
  label: string;
  value: string;
  testId: string;
  /** The value's one-line explanation, on hover and focus. */
  explain: string;
}

function Stat({ label, value, testId, explain }: StatProps) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        <Explained text={explain}>{value}</Explained>
      </dd>
    </div>
  );
}
