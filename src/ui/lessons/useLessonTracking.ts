import { useWorkerEvent } from '../learned/useWorkerEvent';
import { usePlaygroundStore } from '../store/usePlayground';

/** Feeds the lesson checks the worker answers the store does not keep: probe runs and the patch grid's prediction. */
export function useLessonTracking(): void {
  const store = usePlaygroundStore();
  useWorkerEvent('probe', (event) => {
    if (!event.available) return;
    const { lessonEvents, noteLessonEvent } = store.getState();
    noteLessonEvent({
      probes: lessonEvents.probes + 1,
      lastProbe: { step: event.step, feature: event.feature },
    });
  });
  useWorkerEvent('inspection', (event) => {
    const { image, prediction } = event;
    const cell = prediction.context.at(-1)?.join(',') ?? '';
    store.getState().noteLessonEvent({ patch: { image, direction: prediction.direction, cell } });
  });
}
