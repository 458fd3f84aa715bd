/**
 * A recharts chart as a PNG. The chart's SVG takes most of its look from CSS (recharts' classes, the
 * page's font), which a standalone SVG image does not see: each element's computed style is copied
 * inline, the SVG is drawn onto a white canvas, and the legend (HTML in recharts) is drawn beside it.
 */

/** SVG presentation properties that stylesheets set on charts. */
export const INLINED_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'visibility',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
] as const;

/** A `style` attribute from computed values; properties without a value are left out. */
export function inlineStyle(read: (property: string) => string): string {
  return INLINED_PROPERTIES.flatMap((property) => {
    const value = read(property).trim();
    return value === '' ? [] : [`${property}:${value}`];
  }).join(';');
}

/** "CPC accuracy (total and per k)" → "cpc-accuracy-total-and-per-k.png". */
export function pngFileName(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'chart'}.png`;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where a piece of the chart lands on the canvas: its offset inside the container, in CSS pixels. */
export function offsetWithin(container: Box, item: Box): Box {
  return {
    left: item.left - container.left,
    top: item.top - container.top,
    width: item.width,
    height: item.height,
  };
}

/** Renders the chart inside `container` (its SVG and legend) at `scale` device pixels per CSS pixel. */
export async function chartPng(container: HTMLElement, scale = 2): Promise<Blob> {
  const box = container.getBoundingClientRect();
  if (box.width === 0 || box.height === 0) throw new Error('The chart is not on screen.');
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(box.width * scale);
  canvas.height = Math.round(box.height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('This browser cannot draw on a canvas.');
  context.scale(scale, scale);
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, box.width, box.height);
  for (const svg of topLevelSvgs(container)) {
    const at = offsetWithin(box, svg.getBoundingClientRect());
    if (at.width === 0 || at.height === 0) continue;
    context.drawImage(await svgImage(standaloneSvg(svg, at)), at.left, at.top, at.width, at.height);
  }
  drawLegendTexts(context, container, box);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be encoded as PNG.'))),
      'image/png',
    ),
  );
}

/** The chart surface and the legend's icons (each its own SVG), not SVGs nested in another. */
function topLevelSvgs(container: HTMLElement): SVGSVGElement[] {
  return Array.from(container.querySelectorAll('svg')).filter((svg) => !svg.parentElement?.closest('svg'));
}

/** The SVG's markup with every element's computed style inline. */
function standaloneSvg(svg: SVGSVGElement, size: Box): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll<SVGElement>('*'))];
  originals.forEach((original, i) => {
    const computed = getComputedStyle(original);
    // Through the CSSOM: the page's Content-Security-Policy refuses `setAttribute('style', …)`.
    copies[i].style.cssText = inlineStyle((property) => computed.getPropertyValue(property));
  });
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(size.width));
  copy.setAttribute('height', String(size.height));
  return new XMLSerializer().serializeToString(copy);
}

async function svgImage(markup: string): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  return image;
}

function drawLegendTexts(context: CanvasRenderingContext2D, container: HTMLElement, box: Box): void {
  context.textBaseline = 'middle';
  for (const text of Array.from(
    container.querySelectorAll<HTMLElement>('.recharts-legend-item-text, .chart-legend-text'),
  )) {
    const at = offsetWithin(box, text.getBoundingClientRect());
    const computed = getComputedStyle(text);
    context.font = computed.font;
    context.fillStyle = computed.color;
    context.fillText(text.textContent ?? '', at.left, at.top + at.height / 2);
  }
}
