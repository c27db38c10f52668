import { isIsoDate } from './isoDate';
import { type ListField, type Problem, problem, type TextField } from './problems';
import type { EntryFields, EntryPatch, FormalAssessment } from './types';

// The rules every entry obeys, whether it comes from the editor or from a CSV file. A problem is
// a whole sentence a leader can act on (problems.ts), translated by the extension.

export const LIMITS = {
  maxTerm: 4,
  /** Generous: South African terms have 10–12 teaching weeks, longer Sindh terms up to about 20. */
  maxWeek: 20,
  maxHours: 200,
  maxTopic: 200,
  maxText: 2000,
  maxListItems: 40,
} as const;

export interface FieldProblem {
  readonly field: keyof EntryFields;
  readonly problem: Problem;
}

const isWhole = (n: unknown, min: number, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

export function termNumberProblem(n: unknown): Problem | undefined {
  return isWhole(n, 1, LIMITS.maxTerm) ? undefined : problem('term-range', { max: LIMITS.maxTerm });
}

export function weekProblem(n: unknown): Problem | undefined {
  return isWhole(n, 1, LIMITS.maxWeek) ? undefined : problem('week-range', { max: LIMITS.maxWeek });
}

export function hoursProblem(n: unknown): Problem | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= LIMITS.maxHours
    ? undefined
    : problem('hours-range', { max: LIMITS.maxHours });
}

export function topicProblem(s: unknown): Problem | undefined {
  if (typeof s !== 'string' || s.trim() === '') return problem('topic-missing');
  return s.length > LIMITS.maxTopic ? problem('topic-too-long', { max: LIMITS.maxTopic }) : undefined;
}

function textProblem(s: unknown, field: TextField): Problem | undefined {
  if (typeof s !== 'string') return problem('text-not-text', { field });
  return s.length > LIMITS.maxText ? problem('text-too-long', { field, max: LIMITS.maxText }) : undefined;
}

/** List items are written semicolon-separated in CSV and in the editor, so an item cannot hold one. */
function listProblem(items: unknown, field: ListField): Problem | undefined {
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string'))
    return problem('list-not-list', { field });
  if (items.length > LIMITS.maxListItems)
    return problem('list-too-many', { field, max: LIMITS.maxListItems });
  if (items.some((i: string) => i.trim() === '')) return problem('list-item-empty', { field });
  if (items.some((i: string) => i.includes(';'))) return problem('list-item-semicolon', { field });
  return items.some((i: string) => i.length > LIMITS.maxTopic)
    ? problem('list-item-too-long', { field, max: LIMITS.maxTopic })
    : undefined;
}

export function weightProblem(n: unknown): Problem | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100
    ? undefined
    : problem('weight-range');
}

export function formalProblem(f: FormalAssessment | null): Problem | undefined {
  if (f === null) return undefined;
  if (typeof f !== 'object') return problem('formal-invalid');
  if (typeof f.type !== 'string' || f.type.trim() === '') return problem('formal-type-missing');
  if (f.type.length > LIMITS.maxTopic) return problem('formal-type-too-long', { max: LIMITS.maxTopic });
  const weight = weightProblem(f.weight);
  if (weight) return weight;
  if (!isIsoDate(f.date)) return problem('formal-date-invalid');
  return typeof f.common === 'boolean' ? undefined : problem('formal-common-missing');
}

/** Every problem with the fields present in the patch; an empty list means the patch is valid. */
export function entryPatchProblems(patch: EntryPatch): FieldProblem[] {
  const checks: [keyof EntryFields, () => Problem | undefined][] = [
    ['term', () => termNumberProblem(patch.term)],
    ['week', () => weekProblem(patch.week)],
    ['topic', () => topicProblem(patch.topic)],
    ['subTopics', () => listProblem(patch.subTopics, 'subTopics')],
    ['reference', () => textProblem(patch.reference, 'reference')],
    ['hours', () => hoursProblem(patch.hours)],
    ['priorKnowledge', () => textProblem(patch.priorKnowledge, 'priorKnowledge')],
    ['resources', () => listProblem(patch.resources, 'resources')],
    ['informalAssessment', () => textProblem(patch.informalAssessment, 'informalAssessment')],
    ['formal', () => formalProblem(patch.formal as FormalAssessment | null)],
  ];
  const problems: FieldProblem[] = [];
  for (const [field, check] of checks) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const found = check();
    if (found) problems.push({ field, problem: found });
  }
  return problems;
}
