import * as vscode from 'vscode';
import type { CsvError } from '../../core/pacesetter/csv';
import type { ListField, Problem, TextField } from '../../core/pacesetter/problems';

// The person's language for the pace-setter's problems (core/pacesetter/problems.ts): core gives
// a code and its values, this file chooses the translated sentence. One literal vscode.l10n.t
// call per sentence so `npm run l10n` extracts it; the switch names every code, so a new code
// without a translation does not type-check.

/** A field's name inside a sentence, translated on its own. */
export function fieldName(field: TextField | ListField): string {
  switch (field) {
    case 'reference':
      return vscode.l10n.t('reference');
    case 'priorKnowledge':
      return vscode.l10n.t('prior knowledge');
    case 'informalAssessment':
      return vscode.l10n.t('informal assessment');
    case 'subTopics':
      return vscode.l10n.t('sub-topics');
    case 'resources':
      return vscode.l10n.t('resources');
  }
}

/** The problem as a sentence in the person's language. */
export function problemText(problem: Problem): string {
  switch (problem.code) {
    case 'term-range':
      return vscode.l10n.t('The term must be a whole number from 1 to {0}.', problem.params.max);
    case 'week-range':
      return vscode.l10n.t('The week must be a whole number from 1 to {0}.', problem.params.max);
    case 'hours-range':
      return vscode.l10n.t('The hours must be a number from 0 to {0}.', problem.params.max);
    case 'topic-missing':
      return vscode.l10n.t('Every entry needs a topic.');
    case 'topic-too-long':
      return vscode.l10n.t('The topic is longer than {0} characters.', problem.params.max);
    case 'text-not-text':
      return vscode.l10n.t('The {0} must be text.', fieldName(problem.params.field));
    case 'text-too-long':
      return vscode.l10n.t(
        'The {0} is longer than {1} characters.',
        fieldName(problem.params.field),
        problem.params.max,
      );
    case 'list-not-list':
      return vscode.l10n.t('The {0} must be a list of text.', fieldName(problem.params.field));
    case 'list-too-many':
      return vscode.l10n.t(
        'There are more than {0} {1}.',
        problem.params.max,
        fieldName(problem.params.field),
      );
    case 'list-item-empty':
      return vscode.l10n.t('One of the {0} is empty.', fieldName(problem.params.field));
    case 'list-item-semicolon':
      return vscode.l10n.t(
        'One of the {0} contains ";", which separates {0}; split it into two.',
        fieldName(problem.params.field),
      );
    case 'list-item-too-long':
      return vscode.l10n.t(
        'One of the {0} is longer than {1} characters.',
        fieldName(problem.params.field),
        problem.params.max,
      );
    case 'weight-range':
      return vscode.l10n.t(
        'The weight of a formal assessment must be a percentage more than 0 and at most 100.',
      );
    case 'formal-invalid':
      return vscode.l10n.t('The formal assessment is not valid.');
    case 'formal-type-missing':
      return vscode.l10n.t('A formal assessment needs a type (for example Test or Practical task).');
    case 'formal-type-too-long':
      return vscode.l10n.t(
        'The type of the formal assessment is longer than {0} characters.',
        problem.params.max,
      );
    case 'formal-date-invalid':
      return vscode.l10n.t('The date of a formal assessment must be a real date written YYYY-MM-DD.');
    case 'formal-common-missing':
      return vscode.l10n.t('Say whether the formal assessment is a common paper.');
    case 'year-invalid':
      return vscode.l10n.t('The year must be a year such as 2027.');
    case 'subject-empty':
      return vscode.l10n.t('The subject cannot be empty.');
    case 'week-beyond-term':
      return vscode.l10n.t(
        "Term {0} has {1} teaching weeks; change the term's dates or non-teaching days first.",
        problem.params.term,
        problem.params.weeks,
      );
    case 'term-full':
      return vscode.l10n.t('Term {0} already has {1} weeks.', problem.params.term, problem.params.max);
    case 'entry-gone':
      return vscode.l10n.t('That entry is no longer in the pace-setter; someone may have removed it.');
    case 'term-dates-invalid':
      return vscode.l10n.t('Term dates must be real dates written YYYY-MM-DD.');
    case 'term-ends-before-start':
      return vscode.l10n.t('A term cannot end before it starts.');
    case 'term-too-long':
      return vscode.l10n.t('A term cannot be longer than a year.');
    case 'term-overlap':
      return vscode.l10n.t(
        'These dates overlap term {0} ({1} to {2}).',
        problem.params.term,
        problem.params.start,
        problem.params.end,
      );
    case 'term-exists':
      return vscode.l10n.t('Term {0} is already there.', problem.params.term);
    case 'day-outside-new-term':
      return vscode.l10n.t('{0} is not a date inside the term.', problem.params.date);
    case 'term-gone':
      return vscode.l10n.t('That term is no longer in the pace-setter.');
    case 'days-invalid':
      return vscode.l10n.t('Non-teaching days must be real dates written YYYY-MM-DD.');
    case 'days-reversed':
      return vscode.l10n.t('The last non-teaching day cannot come before the first.');
    case 'day-outside-term':
      return vscode.l10n.t(
        '{0} is not inside term {1} ({2} to {3}).',
        problem.params.date,
        problem.params.term,
        problem.params.start,
        problem.params.end,
      );
    case 'days-too-many':
      return vscode.l10n.t(
        "Mark at most {0} days at a time; change the term's dates for a longer break.",
        problem.params.max,
      );
    case 'day-already-off':
      return vscode.l10n.t('{0} is already a non-teaching day.', problem.params.date);
    case 'days-already-off':
      return vscode.l10n.t('Those days are already non-teaching days or a weekend.');
    case 'coverage-status':
      return vscode.l10n.t('Choose one of: not started, taught, partly taught, skipped.');
    case 'coverage-date-invalid':
      return vscode.l10n.t('The date must be a real date written YYYY-MM-DD.');
    case 'coverage-date-future':
      return vscode.l10n.t('The date taught cannot be after today.');
    case 'note-too-long':
      return vscode.l10n.t('A note is longer than {0} characters.', problem.params.max);
    case 'csv-quote-open':
      return vscode.l10n.t('a quoted value is not closed (a " is missing)');
    case 'csv-text-after-quote':
      return vscode.l10n.t('there is text after the closing " of a quoted value');
    case 'csv-empty-file':
      return vscode.l10n.t('the file is empty; the first row must name the columns');
    case 'csv-unnamed-column':
      return vscode.l10n.t('has values below it but no name');
    case 'csv-unknown-column':
      return vscode.l10n.t('is not a pace-setter column (the columns are {0})', problem.params.columns);
    case 'csv-column-twice':
      return vscode.l10n.t('appears twice');
    case 'csv-column-missing':
      return vscode.l10n.t('the column {0} is missing', problem.params.column);
    case 'csv-too-many-rows':
      return vscode.l10n.t('the file has more than {0} rows', problem.params.max);
    case 'csv-extra-values':
      return vscode.l10n.t(
        'has {0} values but the header names {1} columns',
        problem.params.values,
        problem.params.columns,
      );
    case 'csv-bad-id':
      return vscode.l10n.t(
        "'{0}' is not an entry id (letters, digits, dots, dashes and underscores)",
        problem.params.value,
      );
    case 'csv-id-reused':
      return vscode.l10n.t("'{0}' is already used on row {1}", problem.params.value, problem.params.row);
    case 'csv-no-entries':
      return vscode.l10n.t('the file has no entries below the header row');
    case 'csv-term-empty':
      return vscode.l10n.t('is empty; every row needs a term');
    case 'csv-term-range':
      return vscode.l10n.t(
        "'{0}' is not a term number from 1 to {1}",
        problem.params.value,
        problem.params.max,
      );
    case 'csv-week-empty':
      return vscode.l10n.t('is empty; every row needs a week');
    case 'csv-week-range':
      return vscode.l10n.t(
        "'{0}' is not a whole number from 1 to {1}",
        problem.params.value,
        problem.params.max,
      );
    case 'csv-week-beyond-term':
      return vscode.l10n.t(
        'week {0} is after the last teaching week of term {1} (week {2})',
        problem.params.week,
        problem.params.term,
        problem.params.weeks,
      );
    case 'csv-topic-empty':
      return vscode.l10n.t('is empty; every row needs a topic');
    case 'csv-too-long':
      return vscode.l10n.t('is longer than {0} characters', problem.params.max);
    case 'csv-list-too-many':
      return vscode.l10n.t('has more than {0} items', problem.params.max);
    case 'csv-list-item-too-long':
      return vscode.l10n.t('has an item longer than {0} characters', problem.params.max);
    case 'csv-hours-range':
      return vscode.l10n.t(
        "'{0}' is not a number of hours from 0 to {1}",
        problem.params.value,
        problem.params.max,
      );
    case 'csv-hours-comma':
      return vscode.l10n.t(
        "'{0}' is not a number of hours from 0 to {1} (write decimals with a dot, as in 1.5)",
        problem.params.value,
        problem.params.max,
      );
    case 'csv-formal-type-empty':
      return vscode.l10n.t('is empty, but the row has a formal assessment; give its type (for example Test)');
    case 'csv-formal-weight-empty':
      return vscode.l10n.t('is empty; a formal assessment needs its weight in percent');
    case 'csv-formal-weight-range':
      return vscode.l10n.t("'{0}' is not a percentage more than 0 and at most 100", problem.params.value);
    case 'csv-formal-date-empty':
      return vscode.l10n.t('is empty; a formal assessment needs its date (YYYY-MM-DD)');
    case 'csv-formal-date-invalid':
      return vscode.l10n.t("'{0}' is not a date written YYYY-MM-DD", problem.params.value);
    case 'csv-formal-common':
      return vscode.l10n.t("'{0}' is not yes or no", problem.params.value);
    default:
      return unknownCode(problem);
  }
}

/** Type-checks only when the switch above names every code. */
function unknownCode(problem: never): string {
  return (problem as Problem).message;
}

/** A bad CSV cell or row as the person reads it: "row 7, column week: …". */
export function csvErrorText(error: CsvError): string {
  const what = problemText(error.problem);
  return error.column !== undefined
    ? vscode.l10n.t('row {0}, column {1}: {2}', error.row, error.column, what)
    : vscode.l10n.t('row {0}: {1}', error.row, what);
}
