import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../cpc/config';
import type { WorkerCommand } from '../../worker/protocol';
import { NO_LESSON, type LessonOptions } from '../share/lessonOptions';
import { isPanelHidden, lessonStopStep } from './lessonSlice';
import { createPlaygroundStore } from './playgroundStore';

const dataset = { kind: 'synthetic', count: 8 } as const;
const info = { title: 's', trainCount: 8, testCount: 0, classNames: [], classCounts: [], loadMs: 1 };

function lessonStore(lesson: Partial<LessonOptions>) {
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const store = createPlaygroundStore(
    { config: DEFAULT_CONFIG, backend: 'wasm', dataset, lesson: { ...NO_LESSON, ...lesson } },
    storage,
  );
  const sent: WorkerCommand[] = [];
  store.getState().connect({ send: (command) => void sent.push(command), on: () => () => true });
  const storedPanels = () => JSON.parse(stored.get('cpc-playground-ui') ?? '{}').state?.hiddenPanels;
  return { store, sent, storedPanels };
}

function becomeReady(store: ReturnType<typeof lessonStore>['store'], step = 0) {
  store.getState().handleEvent({ type: 'ready', backend: 'wasm', reason: 'r', warmupMs: 1, dataset: info });
  store.getState().handleEvent({ type: 'state', running: false, step });
}

describe('lesson slice', () => {
  it('hides the lesson panels without writing them into the stored preferences', () => {
    const { store, storedPanels } = lessonStore({ hiddenPanels: ['data', 'learned'] });
    store.getState().togglePanelShown('model');
    expect(isPanelHidden(store.getState(), 'data')).toBe(true);
    expect(isPanelHidden(store.getState(), 'model')).toBe(true);
    expect(storedPanels()).toEqual(['model']);

    store.getState().togglePanelShown('data');
    expect(isPanelHidden(store.getState(), 'data')).toBe(false);
    expect(store.getState().hiddenPanels).toEqual(['model']);
    expect(store.getState().lesson.hiddenPanels).toEqual(['learned']);
  });

  it('shows a panel hidden both ways with one toggle', () => {
    const { store, storedPanels } = lessonStore({ hiddenPanels: ['data'] });
    store.setState({ hiddenPanels: ['data'] });
    store.getState().togglePanelShown('data');
    expect(isPanelHidden(store.getState(), 'data')).toBe(false);
    expect(storedPanels()).toEqual([]);
  });

  it('autostarts once, when ready, with the lesson step limit', () => {
    const { store, sent } = lessonStore({ autostart: true, stopAtStep: 3 });
    store.getState().autostartIfPending();
    expect(sent.filter((c) => c.type === 'start')).toEqual([]);
    becomeReady(store);
    store.getState().autostartIfPending();
    store.getState().handleEvent({ type: 'state', running: false, step: 0 });
    store.getState().autostartIfPending();
    expect(sent.filter((c) => c.type === 'start')).toEqual([{ type: 'start', untilStep: 3 }]);
  });

  it('limits only a start below the step limit', () => {
    const { store, sent } = lessonStore({ stopAtStep: 3 });
    becomeReady(store, 3);
    store.getState().start();
    expect(sent.at(-1)).toEqual({ type: 'start', untilStep: undefined });
    expect(lessonStopStep(lessonStore({}).store.getState())).toBeUndefined();
  });
});
