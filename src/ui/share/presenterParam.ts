/**
 * `presenter=1`: the presenter view (developer figures hidden) from a link. Absent means "as the
 * stored preference says"; `presenter=0` turns it off for a link that must show everything.
 */
export const PRESENTER_PARAM = 'presenter';

/** true/false when the link sets the view, null when it leaves it to the stored preference. */
export function readPresenter(params: URLSearchParams, notes: string[]): boolean | null {
  const text = params.get(PRESENTER_PARAM);
  if (text === null) return null;
  if (text === '1') return true;
  if (text === '0') return false;
  notes.push(`${PRESENTER_PARAM}=${text} ignored: expected 1 or 0.`);
  return null;
}

/** The page's query with the presenter view written in (`presenter=1`) or taken out. */
export function withPresenter(search: string, on: boolean): string {
  const params = new URLSearchParams(search);
  if (on) params.set(PRESENTER_PARAM, '1');
  else params.delete(PRESENTER_PARAM);
  const text = params.toString().replace(/%2C/g, ',');
  return text === '' ? '' : `?${text}`;
}
