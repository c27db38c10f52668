import { describe, expect, it, vi } from 'vitest';
import { parsePaceSetterCsv } from '../../../core/pacesetter/csv';
import { type ProblemCode, type ProblemParams, problem } from '../../../core/pacesetter/problems';
import { csvErrorText, problemText } from '../../../extension/pacesetter/problemText';

// core/pacesetter gives a problem's code and values; the extension chooses the translated
// sentence (extension/pacesetter/problemText.ts). With vscode.l10n's English (the template with
// its {0} filled in), every code must read exactly as core's English message.

vi.mock('vscode', () => ({
  l10n: {
    t: (template: string, ...args: unknown[]) =>
      template.replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)])),
  },
}));

/** One example of every code; a new code without one does not type-check. */
const EXAMPLES: { readonly [C in ProblemCode]: ProblemParams[C] } = {
  'term-range': { max: 4 },
  'week-range': { max: 20 },
  'hours-range': { max: 200 },
  'topic-missing': {},
  'topic-too-long': { max: 200 },
  'text-not-text': { field: 'priorKnowledge' },
  'text-too-long': { field: 'informalAssessment', max: 2000 },
  'list-not-list': { field: 'subTopics' },
  'list-too-many': { field: 'resources', max: 40 },
  'list-item-empty': { field: 'subTopics' },
  'list-item-semicolon': { field: 'resources' },
  'list-item-too-long': { field: 'subTopics', max: 200 },
  'weight-range': {},
  'formal-invalid': {},
  'formal-type-missing': {},
  'formal-type-too-long': { max: 200 },
  'formal-date-invalid': {},
  'formal-common-missing': {},
  'year-invalid': {},
  'subject-empty': {},
  'week-beyond-term': { term: 1, weeks: 10 },
  'term-full': { term: 2, max: 20 },
  'entry-gone': {},
  'term-dates-invalid': {},
  'term-ends-before-start': {},
  'term-too-long': {},
  'term-overlap': { term: 2, start: '2027-04-06', end: '2027-06-25' },
  'term-exists': { term: 2 },
  'day-outside-new-term': { date: '2027-03-01' },
  'term-gone': {},
  'days-invalid': {},
  'days-reversed': {},
  'day-outside-term': { date: '2027-03-01', term: 2, start: '2027-04-06', end: '2027-06-25' },
  'days-too-many': { max: 62 },
  'day-already-off': { date: '2027-04-27' },
  'days-already-off': {},
  'coverage-status': {},
  'coverage-date-invalid': {},
  'coverage-date-future': {},
  'note-too-long': { max: 2000 },
  'csv-quote-open': {},
  'csv-text-after-quote': {},
  'csv-empty-file': {},
  'csv-unnamed-column': {},
  'csv-unknown-column': { columns: 'id, term, week' },
  'csv-column-twice': {},
  'csv-column-missing': { column: 'week' },
  'csv-too-many-rows': { max: 2000 },
  'csv-extra-values': { values: 4, columns: 3 },
  'csv-bad-id': { value: 'e 1' },
  'csv-id-reused': { value: 'e-1', row: 2 },
  'csv-no-entries': {},
  'csv-term-empty': {},
  'csv-term-range': { value: '5', max: 4 },
  'csv-week-empty': {},
  'csv-week-range': { value: 'three', max: 20 },
  'csv-week-beyond-term': { week: 11, term: 1, weeks: 10 },
  'csv-topic-empty': {},
  'csv-too-long': { max: 200 },
  'csv-list-too-many': { max: 40 },
  'csv-list-item-too-long': { max: 200 },
  'csv-hours-range': { value: 'x', max: 200 },
  'csv-hours-comma': { value: '1,5', max: 200 },
  'csv-formal-type-empty': {},
  'csv-formal-weight-empty': {},
  'csv-formal-weight-range': { value: '120' },
  'csv-formal-date-empty': {},
  'csv-formal-date-invalid': { value: '27/03/2027' },
  'csv-formal-common': { value: 'maybe' },
};

describe('Every pace-setter problem reaches the person in their language', () => {
  it('the extension has a sentence for every code, reading as core’s English', () => {
    for (const [code, params] of Object.entries(EXAMPLES)) {
      const found = (problem as (c: string, p: unknown) => ReturnType<typeof problem>)(code, params);
      expect(found.code).toBe(code);
      expect(problemText(found), code).toBe(found.message);
    }
  });

  it('field names inside a sentence are their own strings', () => {
    expect(problem('list-item-semicolon', { field: 'subTopics' }).message).toBe(
      'One of the sub-topics contains ";", which separates sub-topics; split it into two.',
    );
    expect(problem('text-not-text', { field: 'priorKnowledge' }).message).toBe(
      'The prior knowledge must be text.',
    );
  });

  it('a bad CSV cell reads "row R, column C: …" as core’s English says it', () => {
    const result = parsePaceSetterCsv('term,week,topic,hours\n1,three,,"1,5"\n5\n');
    if (result.ok) throw new Error('the file should be refused');
    expect(result.errors.length).toBeGreaterThan(2);
    for (const error of result.errors) expect(csvErrorText(error)).toBe(error.message);
    expect(result.errors.map((e) => e.problem.code)).toContain('csv-hours-comma');
  });
});
