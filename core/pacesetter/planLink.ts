import type { PlanFrontMatter } from '../plan/frontMatter';
import type { EntryView, PaceSetterView } from './types';

// Lesson plans point at the pace-setter entry they teach through their front matter
// (`entry: <pacesetterId>#<entryId>`, the same key as coverage records), so a plan keeps its link
// when the entry moves to another week. "New Plan for This Entry" fills a template from here.

export function entryRef(pacesetterId: string, entryId: string): string {
  return `${pacesetterId}#${entryId}`;
}

export function parseEntryRef(ref: string): { pacesetterId: string; entryId: string } | undefined {
  const at = ref.indexOf('#');
  if (at <= 0 || at === ref.length - 1 || ref.indexOf('#', at + 1) >= 0) return undefined;
  return { pacesetterId: ref.slice(0, at), entryId: ref.slice(at + 1) };
}

/** Front matter and the template's `{{reference}}` for a new plan of this entry (for core/plan/templates renderTemplate). */
export function planFieldsForEntry(
  pacesetter: PaceSetterView,
  entry: EntryView,
): PlanFrontMatter & { reference?: string } {
  const { meta } = pacesetter;
  const reference = [entry.reference, ...entry.subTopics.map((s) => `- ${s}`)]
    .filter((s) => s !== '')
    .join('\n');
  return {
    title: entry.topic,
    ...(meta.subject ? { subject: meta.subject } : {}),
    ...(meta.grade ? { grade: meta.grade } : {}),
    term: entry.term,
    week: entry.week,
    entry: entryRef(pacesetter.id, entry.id),
    ...(reference ? { reference } : {}),
  };
}

/** Plans (by their front matter `entry`) that teach an entry. */
export function plansForEntry<P extends { readonly entry?: string }>(
  plans: readonly P[],
  pacesetterId: string,
  entryId: string,
): P[] {
  const ref = entryRef(pacesetterId, entryId);
  return plans.filter((p) => p.entry === ref);
}
