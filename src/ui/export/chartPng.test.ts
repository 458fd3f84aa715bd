import { describe, expect, it } from 'vitest';
import { INLINED_PROPERTIES, inlineStyle, offsetWithin, pngFileName } from './chartPng';

describe('inlineStyle', () => {
  it('copies every listed property that has a computed value, in order', () => {
    const computed: Record<string, string> = {
      fill: 'none',
      stroke: 'rgb(31, 111, 235)',
      'stroke-width': '2px',
      'font-family': ' system-ui ',
    };
    expect(inlineStyle((property) => computed[property] ?? '')).toBe(
      'fill:none;stroke:rgb(31, 111, 235);stroke-width:2px;font-family:system-ui',
    );
  });

  it('reads only the presentation properties', () => {
    const asked: string[] = [];
    inlineStyle((property) => {
      asked.push(property);
      return '';
    });
    expect(asked).toEqual([...INLINED_PROPERTIES]);
  });
});

describe('pngFileName', () => {
  it('makes a file name from a chart title', () => {
    expect(pngFileName('CPC accuracy (total and per k)')).toBe('cpc-accuracy-total-and-per-k.png');
    expect(pngFileName('Loss')).toBe('loss.png');
    expect(pngFileName('…')).toBe('chart.png');
  });
});

describe('offsetWithin', () => {
  it('places an element relative to its container', () => {
    const container = { left: 100, top: 50, width: 300, height: 200 };
    expect(offsetWithin(container, { left: 130, top: 210, width: 40, height: 12 })).toEqual({
      left: 30,
      top: 160,
      width: 40,
      height: 12,
    });
  });
});
