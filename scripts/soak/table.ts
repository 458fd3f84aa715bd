import type { SoakSample } from './sample';

const COLUMNS = [
  'step',
  'min',
  'steps/s',
  'CPU ms/step',
  'tensors',
  'worker heap MB',
  'worker buffers MB',
  'page heap MB',
  'page DOM MB',
  'DOM nodes',
  'IndexedDB MB',
  'runs (saved step)',
  'renderer RSS MB',
  'load',
];

export function tableHeader(): string {
  return `| ${COLUMNS.join(' | ')} |\n|${COLUMNS.map(() => '---:|').join('')}`;
}

export function tableRow(s: SoakSample): string {
  const mb = (bytes: number | null | undefined) =>
    typeof bytes === 'number' ? (bytes / 1e6).toFixed(1) : '–';
  const cells = [
    String(s.step),
    (s.seconds / 60).toFixed(1),
    s.stepsPerSecond === null ? '–' : s.stepsPerSecond.toFixed(2),
    s.cpuMsPerStep === null ? '–' : s.cpuMsPerStep.toFixed(0),
    Number.isNaN(s.tensors) ? '–' : String(s.tensors),
    mb(s.workerHeap),
    mb(s.workerBuffers),
    mb(s.pageHeap),
    mb(s.pageDom),
    s.domNodes === undefined ? '–' : String(s.domNodes),
    mb(s.storage),
    `${s.savedRuns} (${s.savedStep})`,
    mb(s.rendererRss),
    s.load.toFixed(1),
  ];
  return `| ${cells.join(' | ')} |`;
}
