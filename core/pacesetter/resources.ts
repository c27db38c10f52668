// Scarce teaching aids are the norm (DOMAIN.md, practice 7), so a resource can say it costs
// nothing or little. The mark is part of the text, " (no-cost)" or " (low-cost)" at the end, so
// it survives CSV, print and a leader typing it by hand.

export type ResourceCost = 'no-cost' | 'low-cost';

const MARK = /\s*\((no|low)[\s-]?cost\)\s*$/i;

export interface Resource {
  readonly name: string;
  readonly cost?: ResourceCost;
}

export function parseResource(text: string): Resource {
  const m = MARK.exec(text);
  if (!m) return { name: text.trim() };
  return { name: text.slice(0, m.index).trim(), cost: m[1]!.toLowerCase() === 'no' ? 'no-cost' : 'low-cost' };
}

export function formatResource(resource: Resource): string {
  return resource.cost ? `${resource.name} (${resource.cost})` : resource.name;
}

/** Splits a semicolon-separated list (CSV cells, the editor's list fields), dropping empty items. */
export function splitList(text: string): string[] {
  return text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function joinList(items: readonly string[]): string {
  return items.join('; ');
}
