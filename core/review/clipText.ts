// Text for small spaces (a printed cell, a text message): placeholders filled, lines joined, and
// cuts that count what a phone counts and never split a character a reader sees as one.

export const fill = (template: string, ...values: (string | number)[]) =>
  template.replace(/\{(\d)\}/g, (whole, i: string) => {
    const v = values[Number(i)];
    return v === undefined ? whole : String(v);
  });

const graphemes: ((s: string) => string[]) | undefined =
  typeof Intl === 'object' && typeof Intl.Segmenter === 'function'
    ? (s) =>
        Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment)
    : undefined;

/** Length in Unicode code points (what an SMS counts, near enough; never half an emoji). */
export function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `s` cut to at most `max` code points, ending in "…" when cut. Cuts fall between whole
 * characters as a reader sees them (an emoji with its modifiers, a letter with its marks)
 * where the runtime can tell, and never inside a surrogate pair.
 */
export function clip(s: string, max: number): string {
  if (codePoints(s) <= max) return s;
  if (max <= 0) return '';
  const units = graphemes ? graphemes(s) : Array.from(s);
  let out = '';
  let used = 0;
  for (const unit of units) {
    const n = codePoints(unit);
    if (used + n > max - 1) break;
    out += unit;
    used += n;
  }
  return `${out.trimEnd()}…`;
}

export const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
