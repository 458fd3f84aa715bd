import { describe, expect, it } from 'vitest';
import { NO_LESSON, readLessonOptions, writeLessonOptions, type LessonOptions } from './lessonOptions';

function read(search: string): { lesson: LessonOptions; notes: string[] } {
  const notes: string[] = [];
  return { lesson: readLessonOptions(new URLSearchParams(search), notes), notes };
}

describe('lesson options in the URL', () => {
  it('means no lesson when absent', () => {
    expect(read('')).toEqual({ lesson: NO_LESSON, notes: [] });
    expect(read('autostart=0')).toEqual({ lesson: NO_LESSON, notes: [] });
  });

  it('reads hidden panels, controls and presets, autostart and the step limit', () => {
    expect(read('hide=data,learningRate,learned,presets,seed,data&autostart=1&steps=30')).toEqual({
      lesson: {
        hiddenPanels: ['data', 'learned'],
        hiddenControls: ['learningRate', 'presets', 'seed'],
        autostart: true,
        stopAtStep: 30,
      },
      notes: [],
    });
  });

  it('ignores and names what it cannot use', () => {
    expect(read('hide=model,sidebar&autostart=yes&steps=2.5')).toEqual({
      lesson: { ...NO_LESSON, hiddenPanels: ['model'] },
      notes: [
        'hide=sidebar ignored: not a panel (data, model, training, learned), a field or presets.',
        'autostart=yes ignored: expected 1 or 0.',
        'steps=2.5 ignored: expected a whole number from 1 to 10000000.',
      ],
    });
    for (const steps of ['0', '-3', '', 'x', '1e9'])
      expect(read(`steps=${steps}`).lesson.stopAtStep, steps).toBeNull();
  });

  it('round-trips through its parameters and writes nothing for no lesson', () => {
    const lesson: LessonOptions = {
      hiddenPanels: ['training'],
      hiddenControls: ['presets', 'kMin'],
      autostart: true,
      stopAtStep: 3,
    };
    const params = new URLSearchParams();
    writeLessonOptions(lesson, params);
    expect(params.get('hide')).toBe('training,presets,kMin');
    expect(read(params.toString())).toEqual({ lesson, notes: [] });
    const none = new URLSearchParams();
    writeLessonOptions(NO_LESSON, none);
    expect(none.toString()).toBe('');
  });
});
