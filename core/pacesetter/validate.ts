import { isIsoDate } from './isoDate';
import type { EntryFields, EntryPatch, FormalAssessment } from './types';

// The rules every entry obeys, whether it comes from the editor or from a CSV file. Messages are
// whole sentences a leader can act on; the CSV reader adds the row and column in front.

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
  readonly message: string;
}

const isWhole = (n: unknown, min: number, max: number): boolean =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;

export function termNumberProblem(n: unknown): string | undefined {
  return isWhole(n, 1, LIMITS.maxTerm)
    ? undefined
    : `The term must be a whole number from 1 to ${LIMITS.maxTerm}.`;
}

export function weekProblem(n: unknown): string | undefined {
  return isWhole(n, 1, LIMITS.maxWeek)
    ? undefined
    : `The week must be a whole number from 1 to ${LIMITS.maxWeek}.`;
}

export function hoursProblem(n: unknown): string | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= LIMITS.maxHours
    ? undefined
    : `The hours must be a number from 0 to ${LIMITS.maxHours}.`;
}

export function topicProblem(s: unknown): string | undefined {
  if (typeof s !== 'string' || s.trim() === '') return 'Every entry needs a topic.';
  return s.length > LIMITS.maxTopic ? `The topic is longer than ${LIMITS.maxTopic} characters.` : undefined;
}

function textProblem(s: unknown, what: string): string | undefined {
  if (typeof s !== 'string') return `The ${what} must be text.`;
  return s.length > LIMITS.maxText ? `The ${what} is longer than ${LIMITS.maxText} characters.` : undefined;
}

/** List items are written semicolon-separated in CSV and in the editor, so an item cannot hold one. */
function listProblem(items: unknown, what: string): string | undefined {
  if (!Array.isArray(items) || items.some((i) => typeof i !== 'string'))
    return `The ${what} must be a list of text.`;
  if (items.length > LIMITS.maxListItems) return `There are more than ${LIMITS.maxListItems} ${what}.`;
  if (items.some((i: string) => i.trim() === '')) return `One of the ${what} is empty.`;
  if (items.some((i: string) => i.includes(';')))
    return `One of the ${what} contains ";", which separates ${what}; split it into two.`;
  return items.some((i: string) => i.length > LIMITS.maxTopic)
    ? `One of the ${what} is longer than ${LIMITS.maxTopic} characters.`
    : undefined;
}

export function weightProblem(n: unknown): string | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 && n <= 100
    ? undefined
    : 'The weight of a formal assessment must be a percentage more than 0 and at most 100.';
}

export function formalProblem(f: FormalAssessment | null): string | undefined {
  if (f === null) return undefined;
  if (typeof f !== 'object') return 'The formal assessment is not valid.';
  if (typeof f.type !== 'string' || f.type.trim() === '')
    return 'A formal assessment needs a type (for example Test or Practical task).';
  if (f.type.length > LIMITS.maxTopic)
    return `The type of the formal assessment is longer than ${LIMITS.maxTopic} characters.`;
  const weight = weightProblem(f.weight);
  if (weight) return weight;
  if (!isIsoDate(f.date)) return 'The date of a formal assessment must be a real date written YYYY-MM-DD.';
  return typeof f.common === 'boolean' ? undefined : 'Say whether the formal assessment is a common paper.';
}

/** Every problem with the fields present in the patch; an empty list means the patch is valid. */
export function entryPatchProblems(patch: EntryPatch): FieldProblem[] {
  const checks: [keyof EntryFields, () => string | undefined][] = [
    ['term', () => termNumberProblem(patch.term)],
    ['week', () => weekProblem(patch.week)],
    ['topic', () => topicProblem(patch.topic)],
    ['subTopics', () => listProblem(patch.subTopics, 'sub-topics')],
    ['reference', () => textProblem(patch.reference, 'reference')],
    ['hours', () => hoursProblem(patch.hours)],
    ['priorKnowledge', () => textProblem(patch.priorKnowledge, 'prior knowledge')],
    ['resources', () => listProblem(patch.resources, 'resources')],
    ['informalAssessment', () => textProblem(patch.informalAssessment, 'informal assessment')],
    ['formal', () => formalProblem(patch.formal as FormalAssessment | null)],
  ];
  const problems: FieldProblem[] = [];
  for (const [field, check] of checks) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const message = check();
    if (message) problems.push({ field, message });
  }
  return problems;
}
