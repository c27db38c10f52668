import { schoolCalendar, weeksInTerm } from './calendar';
import { formatCsv, parseCsv } from './csvFormat';
import { isIsoDate } from './isoDate';
import { type Problem, problem } from './problems';
import { joinList, splitList } from './resources';
import type { EntryFields, EntryView, FormalAssessment, TermView } from './types';
import { LIMITS } from './validate';

// A pace-setter as CSV, the form provincial spreadsheets export to. Every bad cell is reported
// with its row (as a spreadsheet numbers it: the header is row 1), its column and what is wrong,
// and nothing is imported unless the whole file is clean: a half-imported term plan is worse
// than none, because schools would teach from it.

export interface CsvColumn {
  readonly name: string;
  readonly required: boolean;
  /** For the README and the editor's help. */
  readonly description: string;
}

export const CSV_COLUMNS: readonly CsvColumn[] = [
  {
    name: 'id',
    required: false,
    description:
      'Entry id from an export; keeps coverage and plan links when a file is re-imported. Leave empty for new entries.',
  },
  { name: 'term', required: true, description: 'Term number, 1 to 4.' },
  { name: 'week', required: true, description: `Teaching week of the term, 1 to ${LIMITS.maxWeek}.` },
  { name: 'topic', required: true, description: 'The topic taught that week.' },
  { name: 'sub_topics', required: false, description: 'Sub-topics, separated by semicolons.' },
  { name: 'reference', required: false, description: 'CAPS page or SLO codes.' },
  {
    name: 'hours',
    required: false,
    description: 'Teaching hours, e.g. 4 or 1.5 (a dot for decimals); empty if not given.',
  },
  { name: 'prior_knowledge', required: false, description: 'What learners should already know.' },
  {
    name: 'resources',
    required: false,
    description: 'Resources, separated by semicolons; end one with (no-cost) or (low-cost) to mark it.',
  },
  {
    name: 'informal_assessment',
    required: false,
    description: 'Informal assessment (classwork, homework, oral questions).',
  },
  {
    name: 'formal_type',
    required: false,
    description: 'Formal assessment task type, e.g. Test or Practical task; empty if none.',
  },
  {
    name: 'formal_weight',
    required: false,
    description: 'Weight of the formal task in percent, more than 0 and at most 100.',
  },
  { name: 'formal_date', required: false, description: 'Date of the formal task, YYYY-MM-DD.' },
  {
    name: 'formal_common',
    required: false,
    description: 'yes if every school writes the same paper that day, otherwise no.',
  },
];

export interface CsvError {
  readonly row: number;
  /** The column as the file names it; missing for problems with a whole row. */
  readonly column?: string;
  /** What is wrong, after "row R, column C: "; the extension translates it by its code. */
  readonly problem: Problem;
  /** The whole English sentence, e.g. "row 7, column week: 'three' is not a whole number from 1 to 20". */
  readonly message: string;
}

export type ImportedEntry = EntryFields & { readonly id?: string; readonly row: number };

export type CsvImport =
  | { readonly ok: true; readonly entries: readonly ImportedEntry[] }
  | { readonly ok: false; readonly errors: readonly CsvError[] };

/** Most rows a file may have: a year's plan is a few hundred; more is the wrong file. */
export const MAX_ROWS = 2000;

/** Header names ignore case, spaces, hyphens and underscores: "Sub Topics" is sub_topics. */
const normalise = (h: string) => h.toLowerCase().replace(/[\s_-]+/g, '');
const KNOWN = new Map(CSV_COLUMNS.map((c) => [normalise(c.name), c.name]));
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

const error = (row: number, column: string | undefined, found: Problem): CsvError => ({
  row,
  ...(column !== undefined ? { column } : {}),
  problem: found,
  message:
    column !== undefined ? `row ${row}, column ${column}: ${found.message}` : `row ${row}: ${found.message}`,
});

function wholeNumber(v: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(v)) return undefined;
  const n = Number(v);
  return n >= min && n <= max ? n : undefined;
}

export interface CsvOptions {
  /** The pace-setter's terms: a week beyond a term's teaching weeks is then reported. */
  readonly terms?: readonly TermView[];
}

export function parsePaceSetterCsv(text: string, options: CsvOptions = {}): CsvImport {
  const parsed = parseCsv(text);
  const errors: CsvError[] = parsed.problems.map((p) => error(p.row, undefined, p.problem));
  const [header, ...body] = parsed.rows;
  if (!header || header.every((h) => h.trim() === ''))
    return {
      ok: false,
      errors: [error(1, undefined, problem('csv-empty-file'))],
    };
  const columns: (string | undefined)[] = [];
  const seen = new Set<string>();
  header.forEach((raw, i) => {
    const name = KNOWN.get(normalise(raw));
    const shown = raw.trim() || String(i + 1);
    columns.push(name && !seen.has(name) ? name : undefined);
    if (raw.trim() === '') {
      // Spreadsheets export trailing empty columns; one with values but no name is a mistake.
      if (body.some((r) => (r[i] ?? '').trim() !== ''))
        errors.push(error(1, shown, problem('csv-unnamed-column')));
    } else if (!name) {
      errors.push(
        error(
          1,
          shown,
          problem('csv-unknown-column', { columns: CSV_COLUMNS.map((c) => c.name).join(', ') }),
        ),
      );
    } else if (seen.has(name)) {
      errors.push(error(1, shown, problem('csv-column-twice')));
    }
    if (name) seen.add(name);
  });
  for (const c of CSV_COLUMNS)
    if (c.required && !seen.has(c.name))
      errors.push(error(1, undefined, problem('csv-column-missing', { column: c.name })));
  if (errors.length > 0) return { ok: false, errors };

  const label = new Map(columns.map((c, i) => [c, header[i]!.trim()]));
  const calendar = options.terms ? schoolCalendar(options.terms) : undefined;
  const entries: ImportedEntry[] = [];
  const idRows = new Map<string, number>();
  body.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((c) => c.trim() === '')) return; // spreadsheets export empty rows at the end
    if (row > MAX_ROWS + 1) {
      if (row === MAX_ROWS + 2)
        errors.push(error(row, undefined, problem('csv-too-many-rows', { max: MAX_ROWS })));
      return;
    }
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== ''))
      errors.push(
        error(row, undefined, problem('csv-extra-values', { values: cells.length, columns: header.length })),
      );
    const get = (name: string) => (cells[columns.indexOf(name)] ?? '').trim();
    const bad = (name: string, found: Problem) => errors.push(error(row, label.get(name) ?? name, found));
    const entry = readRow(get, bad, calendar);
    const id = get('id');
    if (id !== '') {
      if (!ID.test(id)) bad('id', problem('csv-bad-id', { value: id }));
      else if (idRows.has(id)) bad('id', problem('csv-id-reused', { value: id, row: idRows.get(id)! }));
      else idRows.set(id, row);
    }
    if (entry) entries.push({ ...entry, ...(id !== '' ? { id } : {}), row });
  });
  if (errors.length === 0 && entries.length === 0)
    errors.push(error(2, undefined, problem('csv-no-entries')));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries };
}

type Getter = (name: string) => string;
type Reporter = (name: string, found: Problem) => void;

function readRow(
  get: Getter,
  bad: Reporter,
  calendar: ReturnType<typeof schoolCalendar> | undefined,
): EntryFields | undefined {
  let ok = true;
  const fail = (name: string, found: Problem) => {
    ok = false;
    bad(name, found);
  };
  const term = wholeNumber(get('term'), 1, LIMITS.maxTerm);
  if (term === undefined)
    fail(
      'term',
      get('term') === ''
        ? problem('csv-term-empty')
        : problem('csv-term-range', { value: get('term'), max: LIMITS.maxTerm }),
    );
  const week = wholeNumber(get('week'), 1, LIMITS.maxWeek);
  if (week === undefined)
    fail(
      'week',
      get('week') === ''
        ? problem('csv-week-empty')
        : problem('csv-week-range', { value: get('week'), max: LIMITS.maxWeek }),
    );
  const weeks = term !== undefined && calendar ? weeksInTerm(calendar, term) : undefined;
  if (term !== undefined && week !== undefined && weeks !== undefined && week > weeks)
    fail('week', problem('csv-week-beyond-term', { week, term, weeks }));
  const topic = get('topic');
  if (topic === '') fail('topic', problem('csv-topic-empty'));
  const text = (name: string, max: number) => {
    const v = get(name);
    if (v.length > max) fail(name, problem('csv-too-long', { max }));
    return v;
  };
  text('topic', LIMITS.maxTopic);
  const list = (name: string) => {
    const items = splitList(get(name));
    if (items.length > LIMITS.maxListItems)
      fail(name, problem('csv-list-too-many', { max: LIMITS.maxListItems }));
    if (items.some((s) => s.length > LIMITS.maxTopic))
      fail(name, problem('csv-list-item-too-long', { max: LIMITS.maxTopic }));
    return items;
  };
  const hoursText = get('hours');
  const hours = hoursText === '' ? 0 : /^\d+(\.\d+)?$/.test(hoursText) ? Number(hoursText) : Number.NaN;
  if (Number.isNaN(hours) || hours > LIMITS.maxHours)
    fail(
      'hours',
      problem(/^\d+,\d+$/.test(hoursText) ? 'csv-hours-comma' : 'csv-hours-range', {
        value: hoursText,
        max: LIMITS.maxHours,
      }),
    );
  const formal = readFormal(get, fail);
  const fields: EntryFields = {
    term: term ?? 0,
    week: week ?? 0,
    topic,
    subTopics: list('sub_topics'),
    reference: text('reference', LIMITS.maxText),
    hours,
    priorKnowledge: text('prior_knowledge', LIMITS.maxText),
    resources: list('resources'),
    informalAssessment: text('informal_assessment', LIMITS.maxText),
    ...(formal ? { formal } : {}),
  };
  return ok ? fields : undefined;
}

function readFormal(get: Getter, fail: Reporter): FormalAssessment | undefined {
  const [type, weightText, date, commonText] = [
    'formal_type',
    'formal_weight',
    'formal_date',
    'formal_common',
  ].map(get) as [string, string, string, string];
  if (type === '' && weightText === '' && date === '' && commonText === '') return undefined;
  if (type === '') fail('formal_type', problem('csv-formal-type-empty'));
  const weight = /^\d+(\.\d+)?%?$/.test(weightText) ? Number(weightText.replace('%', '')) : Number.NaN;
  if (weightText === '') fail('formal_weight', problem('csv-formal-weight-empty'));
  else if (!(weight > 0 && weight <= 100))
    fail('formal_weight', problem('csv-formal-weight-range', { value: weightText }));
  if (date === '') fail('formal_date', problem('csv-formal-date-empty'));
  else if (!isIsoDate(date)) fail('formal_date', problem('csv-formal-date-invalid', { value: date }));
  const common = /^(yes|y|true|1)$/i.test(commonText)
    ? true
    : /^(no|n|false|0|)$/i.test(commonText)
      ? false
      : undefined;
  if (common === undefined) fail('formal_common', problem('csv-formal-common', { value: commonText }));
  return { type, weight, date, common: common ?? false };
}

/** The pace-setter's entries as CSV with every column; parsePaceSetterCsv reads it back unchanged. */
export function paceSetterToCsv(entries: readonly EntryView[]): string {
  const rows = entries.map((e) => [
    e.id,
    String(e.term),
    String(e.week),
    e.topic,
    joinList(e.subTopics),
    e.reference,
    e.hours === 0 ? '' : String(e.hours),
    e.priorKnowledge,
    joinList(e.resources),
    e.informalAssessment,
    e.formal?.type ?? '',
    e.formal ? String(e.formal.weight) : '',
    e.formal?.date ?? '',
    e.formal ? (e.formal.common ? 'yes' : 'no') : '',
  ]);
  return formatCsv([CSV_COLUMNS.map((c) => c.name), ...rows]);
}
