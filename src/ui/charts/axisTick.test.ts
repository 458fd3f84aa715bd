import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { UNMEASURED_TICKS } from './axisTick';

type TextElement = ReactElement<{ x: number; y: number; dy: string; textAnchor: string; children: string }>;

const tick = (props: object) => UNMEASURED_TICKS.tick(props) as TextElement;

describe('cheap axis ticks', () => {
  it('draws the formatted label as one <text> at the tick, dropped by the anchor’s cap height', () => {
    const label = tick({
      x: 10,
      y: 20,
      payload: { value: 0.25 },
      index: 3,
      textAnchor: 'middle',
      verticalAnchor: 'start',
      tickFormatter: (v: number, i: number) => `${v * 100}% #${i}`,
    });
    expect(label.type).toBe('text');
    expect(label.props).toMatchObject({
      x: 10,
      y: 20,
      dy: '0.71em',
      textAnchor: 'middle',
      children: '25% #3',
    });
  });

  it('ends the last label of a bottom axis at its tick, so the chart edge does not clip it', () => {
    const anchor = (index: number) =>
      tick({
        x: 0,
        y: 0,
        payload: { value: index },
        index,
        visibleTicksCount: 3,
        textAnchor: 'middle',
        verticalAnchor: 'start',
      }).props.textAnchor;
    expect([anchor(0), anchor(1), anchor(2)]).toEqual(['middle', 'middle', 'end']);
  });

  it('centres a y-axis label and falls back to the raw value without a formatter', () => {
    const label = tick({ x: 0, y: 5, payload: { value: 7 }, index: 0, verticalAnchor: 'middle' });
    expect(label.props).toMatchObject({ dy: '0.355em', children: '7' });
  });
});
