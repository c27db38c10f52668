// Every reason the pace-setter gives a person for refusing an edit or a CSV file, as data: a code
// for the program, its values, and the English sentence (for the log and for tests). core/ cannot
// call vscode.l10n, so the extension chooses the translated sentence by code
// (extension/pacesetter/problemText.ts, whose switch over the codes must name every one).
//
// CSV problems are the part after "row R, column C: ", which the reader (csv.ts) and the
// extension put in front.

/** The text fields of an entry a problem can name; their names are translated separately. */
export type TextField = 'reference' | 'priorKnowledge' | 'informalAssessment';
/** The list fields of an entry a problem can name. */
export type ListField = 'subTopics' | 'resources';

/** Each code with the values its sentence needs. */
export interface ProblemParams {
  // An entry's fields (validate.ts).
  'term-range': { readonly max: number };
  'week-range': { readonly max: number };
  'hours-range': { readonly max: number };
  'topic-missing': Record<string, never>;
  'topic-too-long': { readonly max: number };
  'text-not-text': { readonly field: TextField };
  'text-too-long': { readonly field: TextField; readonly max: number };
  'list-not-list': { readonly field: ListField };
  'list-too-many': { readonly field: ListField; readonly max: number };
  'list-item-empty': { readonly field: ListField };
  'list-item-semicolon': { readonly field: ListField };
  'list-item-too-long': { readonly field: ListField; readonly max: number };
  'weight-range': Record<string, never>;
  'formal-invalid': Record<string, never>;
  'formal-type-missing': Record<string, never>;
  'formal-type-too-long': { readonly max: number };
  'formal-date-invalid': Record<string, never>;
  'formal-common-missing': Record<string, never>;
  // Edits of entries and details (edits.ts).
  'year-invalid': Record<string, never>;
  'subject-empty': Record<string, never>;
  'week-beyond-term': { readonly term: number; readonly weeks: number };
  'term-full': { readonly term: number; readonly max: number };
  'entry-gone': Record<string, never>;
  // Edits of terms (termEdits.ts).
  'term-dates-invalid': Record<string, never>;
  'term-ends-before-start': Record<string, never>;
  'term-too-long': Record<string, never>;
  'term-overlap': { readonly term: number; readonly start: string; readonly end: string };
  'term-exists': { readonly term: number };
  'day-outside-new-term': { readonly date: string };
  'term-gone': Record<string, never>;
  'days-invalid': Record<string, never>;
  'days-reversed': Record<string, never>;
  'day-outside-term': {
    readonly date: string;
    readonly term: number;
    readonly start: string;
    readonly end: string;
  };
  'days-too-many': { readonly max: number };
  'day-already-off': { readonly date: string };
  'days-already-off': Record<string, never>;
  // Coverage (coverage.ts).
  'coverage-status': Record<string, never>;
  'coverage-date-invalid': Record<string, never>;
  'coverage-date-future': Record<string, never>;
  'note-too-long': { readonly max: number };
  // Reading a CSV file (csvFormat.ts).
  'csv-quote-open': Record<string, never>;
  'csv-text-after-quote': Record<string, never>;
  // A CSV file as a pace-setter (csv.ts).
  'csv-empty-file': Record<string, never>;
  'csv-unnamed-column': Record<string, never>;
  'csv-unknown-column': { readonly columns: string };
  'csv-column-twice': Record<string, never>;
  'csv-column-missing': { readonly column: string };
  'csv-too-many-rows': { readonly max: number };
  'csv-extra-values': { readonly values: number; readonly columns: number };
  'csv-bad-id': { readonly value: string };
  'csv-id-reused': { readonly value: string; readonly row: number };
  'csv-no-entries': Record<string, never>;
  'csv-term-empty': Record<string, never>;
  'csv-term-range': { readonly value: string; readonly max: number };
  'csv-week-empty': Record<string, never>;
  'csv-week-range': { readonly value: string; readonly max: number };
  'csv-week-beyond-term': { readonly week: number; readonly term: number; readonly weeks: number };
  'csv-topic-empty': Record<string, never>;
  'csv-too-long': { readonly max: number };
  'csv-list-too-many': { readonly max: number };
  'csv-list-item-too-long': { readonly max: number };
  'csv-hours-range': { readonly value: string; readonly max: number };
  'csv-hours-comma': { readonly value: string; readonly max: number };
  'csv-formal-type-empty': Record<string, never>;
  'csv-formal-weight-empty': Record<string, never>;
  'csv-formal-weight-range': { readonly value: string };
  'csv-formal-date-empty': Record<string, never>;
  'csv-formal-date-invalid': { readonly value: string };
  'csv-formal-common': { readonly value: string };
}

export type ProblemCode = keyof ProblemParams;

/** A problem a person reads: `message` is English; the extension translates by `code`. */
export type Problem = {
  readonly [C in ProblemCode]: {
    readonly code: C;
    readonly params: ProblemParams[C];
    readonly message: string;
  };
}[ProblemCode];

/** The English names of the fields, as they appear inside sentences. */
export const FIELD_NAMES: { readonly [F in TextField | ListField]: string } = {
  reference: 'reference',
  priorKnowledge: 'prior knowledge',
  informalAssessment: 'informal assessment',
  subTopics: 'sub-topics',
  resources: 'resources',
};

const name = FIELD_NAMES;

/** The English sentences, one per code. */
const ENGLISH: { readonly [C in ProblemCode]: (p: ProblemParams[C]) => string } = {
  'term-range': (p) => `The term must be a whole number from 1 to ${p.max}.`,
  'week-range': (p) => `The week must be a whole number from 1 to ${p.max}.`,
  'hours-range': (p) => `The hours must be a number from 0 to ${p.max}.`,
  'topic-missing': () => 'Every entry needs a topic.',
  'topic-too-long': (p) => `The topic is longer than ${p.max} characters.`,
  'text-not-text': (p) => `The ${name[p.field]} must be text.`,
  'text-too-long': (p) => `The ${name[p.field]} is longer than ${p.max} characters.`,
  'list-not-list': (p) => `The ${name[p.field]} must be a list of text.`,
  'list-too-many': (p) => `There are more than ${p.max} ${name[p.field]}.`,
  'list-item-empty': (p) => `One of the ${name[p.field]} is empty.`,
  'list-item-semicolon': (p) =>
    `One of the ${name[p.field]} contains ";", which separates ${name[p.field]}; split it into two.`,
  'list-item-too-long': (p) => `One of the ${name[p.field]} is longer than ${p.max} characters.`,
  'weight-range': () => 'The weight of a formal assessment must be a percentage more than 0 and at most 100.',
  'formal-invalid': () => 'The formal assessment is not valid.',
  'formal-type-missing': () => 'A formal assessment needs a type (for example Test or Practical task).',
  'formal-type-too-long': (p) => `The type of the formal assessment is longer than ${p.max} characters.`,
  'formal-date-invalid': () => 'The date of a formal assessment must be a real date written YYYY-MM-DD.',
  'formal-common-missing': () => 'Say whether the formal assessment is a common paper.',
  'year-invalid': () => 'The year must be a year such as 2027.',
  'subject-empty': () => 'The subject cannot be empty.',
  'week-beyond-term': (p) =>
    `Term ${p.term} has ${p.weeks} teaching weeks; change the term's dates or non-teaching days first.`,
  'term-full': (p) => `Term ${p.term} already has ${p.max} weeks.`,
  'entry-gone': () => 'That entry is no longer in the pace-setter; someone may have removed it.',
  'term-dates-invalid': () => 'Term dates must be real dates written YYYY-MM-DD.',
  'term-ends-before-start': () => 'A term cannot end before it starts.',
  'term-too-long': () => 'A term cannot be longer than a year.',
  'term-overlap': (p) => `These dates overlap term ${p.term} (${p.start} to ${p.end}).`,
  'term-exists': (p) => `Term ${p.term} is already there.`,
  'day-outside-new-term': (p) => `${p.date} is not a date inside the term.`,
  'term-gone': () => 'That term is no longer in the pace-setter.',
  'days-invalid': () => 'Non-teaching days must be real dates written YYYY-MM-DD.',
  'days-reversed': () => 'The last non-teaching day cannot come before the first.',
  'day-outside-term': (p) => `${p.date} is not inside term ${p.term} (${p.start} to ${p.end}).`,
  'days-too-many': (p) => `Mark at most ${p.max} days at a time; change the term's dates for a longer break.`,
  'day-already-off': (p) => `${p.date} is already a non-teaching day.`,
  'days-already-off': () => 'Those days are already non-teaching days or a weekend.',
  'coverage-status': () => 'Choose one of: not started, taught, partly taught, skipped.',
  'coverage-date-invalid': () => 'The date must be a real date written YYYY-MM-DD.',
  'coverage-date-future': () => 'The date taught cannot be after today.',
  'note-too-long': (p) => `A note is longer than ${p.max} characters.`,
  'csv-quote-open': () => 'a quoted value is not closed (a " is missing)',
  'csv-text-after-quote': () => 'there is text after the closing " of a quoted value',
  'csv-empty-file': () => 'the file is empty; the first row must name the columns',
  'csv-unnamed-column': () => 'has values below it but no name',
  'csv-unknown-column': (p) => `is not a pace-setter column (the columns are ${p.columns})`,
  'csv-column-twice': () => 'appears twice',
  'csv-column-missing': (p) => `the column ${p.column} is missing`,
  'csv-too-many-rows': (p) => `the file has more than ${p.max} rows`,
  'csv-extra-values': (p) => `has ${p.values} values but the header names ${p.columns} columns`,
  'csv-bad-id': (p) => `'${p.value}' is not an entry id (letters, digits, dots, dashes and underscores)`,
  'csv-id-reused': (p) => `'${p.value}' is already used on row ${p.row}`,
  'csv-no-entries': () => 'the file has no entries below the header row',
  'csv-term-empty': () => 'is empty; every row needs a term',
  'csv-term-range': (p) => `'${p.value}' is not a term number from 1 to ${p.max}`,
  'csv-week-empty': () => 'is empty; every row needs a week',
  'csv-week-range': (p) => `'${p.value}' is not a whole number from 1 to ${p.max}`,
  'csv-week-beyond-term': (p) =>
    `week ${p.week} is after the last teaching week of term ${p.term} (week ${p.weeks})`,
  'csv-topic-empty': () => 'is empty; every row needs a topic',
  'csv-too-long': (p) => `is longer than ${p.max} characters`,
  'csv-list-too-many': (p) => `has more than ${p.max} items`,
  'csv-list-item-too-long': (p) => `has an item longer than ${p.max} characters`,
  'csv-hours-range': (p) => `'${p.value}' is not a number of hours from 0 to ${p.max}`,
  'csv-hours-comma': (p) =>
    `'${p.value}' is not a number of hours from 0 to ${p.max} (write decimals with a dot, as in 1.5)`,
  'csv-formal-type-empty': () =>
    'is empty, but the row has a formal assessment; give its type (for example Test)',
  'csv-formal-weight-empty': () => 'is empty; a formal assessment needs its weight in percent',
  'csv-formal-weight-range': (p) => `'${p.value}' is not a percentage more than 0 and at most 100`,
  'csv-formal-date-empty': () => 'is empty; a formal assessment needs its date (YYYY-MM-DD)',
  'csv-formal-date-invalid': (p) => `'${p.value}' is not a date written YYYY-MM-DD`,
  'csv-formal-common': (p) => `'${p.value}' is not yes or no`,
};

/** The problem with its English sentence. Codes without values need no second argument. */
export function problem<C extends ProblemCode>(
  code: C,
  ...params: ProblemParams[C] extends Record<string, never> ? [] : [ProblemParams[C]]
): Problem {
  const values = (params[0] ?? {}) as ProblemParams[C];
  return { code, params: values, message: ENGLISH[code](values) } as Problem;
}

/** An edit refused for this problem (an EditResult of types.ts). */
export function refused(p: Problem): {
  readonly ok: false;
  readonly error: string;
  readonly problem: Problem;
} {
  return { ok: false, error: p.message, problem: p };
}
