/** Colours that stay apart for up to eight runs (Okabe–Ito, readable with common colour-vision deficits). */
const RUN_COLOURS = ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#d55e00', '#56b4e9', '#000000', '#b8a600'];

export function runColour(index: number): string {
  return RUN_COLOURS[index % RUN_COLOURS.length];
}
