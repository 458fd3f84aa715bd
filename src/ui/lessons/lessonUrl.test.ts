import { describe, expect, it } from 'vitest';
import { readGuidedLessonLink, searchWithLesson } from './lessonUrl';

function read(search: string) {
  const notes: string[] = [];
  return { link: readGuidedLessonLink(new URLSearchParams(search), notes), notes };
}

describe('readGuidedLessonLink', () => {
  it('reads nothing from a link without a lesson', () => {
    expect(read('?preset=cpc-v2')).toEqual({ link: null, notes: [] });
  });

  it('opens a lesson at its first step, or at the 1-based step given', () => {
    expect(read('?lesson=shortcuts')).toEqual({ link: { id: 'shortcuts', stepIndex: 0 }, notes: [] });
    expect(read('?lesson=shortcuts&step=3')).toEqual({ link: { id: 'shortcuts', stepIndex: 2 }, notes: [] });
    expect(read('?lesson=shortcuts&step=4').link).toEqual({ id: 'shortcuts', stepIndex: 3 });
  });

  it('notes an unknown lesson and ignores it', () => {
    const { link, notes } = read('?lesson=quantum&step=2');
    expect(link).toBeNull();
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^lesson=quantum ignored: expected one of .*patches-and-grid/);
  });

  it('notes a step out of range or not a whole number, and opens the first step', () => {
    for (const step of ['0', '5', '1.5', 'two', '']) {
      const { link, notes } = read(`?lesson=shortcuts&step=${step}`);
      expect(link).toEqual({ id: 'shortcuts', stepIndex: 0 });
      expect(notes).toEqual([
        `step=${step} ignored: "Shortcuts: how CPC cheats" has steps 1 to 4 (opening step 1).`,
      ]);
    }
  });

  it('notes a step without a lesson', () => {
    expect(read('?step=2')).toEqual({ link: null, notes: ['step=2 ignored: it needs lesson=.'] });
  });
});

describe('searchWithLesson', () => {
  it('sets the lesson and its 1-based step, keeping the other parameters', () => {
    const search = searchWithLesson('?backend=wasm&lesson=shortcuts&step=1', {
      id: 'four-directions',
      stepIndex: 2,
    });
    const params = new URLSearchParams(search);
    expect(params.get('backend')).toBe('wasm');
    expect(params.get('lesson')).toBe('four-directions');
    expect(params.get('step')).toBe('3');
    expect(read(search).link).toEqual({ id: 'four-directions', stepIndex: 2 });
  });

  it('removes the lesson parameters when no lesson is open', () => {
    expect(searchWithLesson('?lesson=shortcuts&step=2', null)).toBe('');
    expect(searchWithLesson('?backend=wasm&lesson=shortcuts', null)).toBe('?backend=wasm');
  });
});
