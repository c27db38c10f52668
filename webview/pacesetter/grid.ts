import { clusterProgress, dueEntries, type SchoolProgress, statusOf } from '../../core/pacesetter/behind';
import { findWeek, placeOf, schoolCalendar } from '../../core/pacesetter/calendar';
import type { CoverageRecord, CoverageStatus, EntryView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { coverageFormRow } from './coverageForm';
import { h, uid } from './dom';
import { makeRoving } from './roving';
import type { School } from './protocol';
import { progressText, statusText } from './labels';
import { format } from './strings';

// The cluster grid: every school a column against the pace-setter's weeks. A school a week or
// more behind today's week is highlighted in its heading with how far behind, and its due
// entries that are not taught say "due". Common assessments and this week's rows stand out.
// A cell's note and catch-up plan show in a popover on hover and on focus, and are read out
// with the cell (aria-describedby). A teacher presses Enter on their own school's cell to record
// coverage; other schools' cells say they cannot.

const MARK: Record<CoverageStatus, string> = {
  'not-started': '○',
  taught: '✓',
  'partly-taught': '◐',
  skipped: '⤼',
};

function schoolHead(ctx: Ctx, school: School, p: SchoolProgress): HTMLElement {
  const { s, snap } = ctx;
  const mine = snap.me.schoolId === school.id;
  const classes = ['cl-school-head', p.weeksBehind >= 1 ? 'cl-behind' : '', mine ? 'cl-mine' : '']
    .filter(Boolean)
    .join(' ');
  return h(
    'th',
    { scope: 'col', class: classes, 'data-school': school.id },
    school.name,
    mine ? ` ${s.yourSchool}` : '',
    h(
      'span',
      { class: 'cl-progress' },
      progressText(s, p),
      p.skipped.length > 0 ? ` · ${format(s.skippedCount, p.skipped.length)}` : '',
    ),
  );
}

function coverageCell(ctx: Ctx, entry: EntryView, school: School, due: boolean): HTMLElement {
  const { s, snap } = ctx;
  const record: CoverageRecord | undefined = snap.coverage[school.id]?.[entry.id];
  const status = statusOf(snap.coverage[school.id], entry.id);
  const overdue = due && (status === 'not-started' || status === 'partly-taught');
  const said = [
    statusText(s, status),
    record?.completedOn ? format(s.taughtOn, record.completedOn) : '',
    overdue ? `(${s.statusDue})` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const hasNote = Boolean(record?.note || record?.catchUp);
  const popId = hasNote ? uid('cl-pop') : undefined;
  const editable = snap.canEditCoverageOf.includes(school.id);
  return h(
    'td',
    {
      class: `cl-cell cl-st-${status}${hasNote ? ' cl-has-note' : ''}`,
      'data-key': `c:${entry.id}:${school.id}`,
      'data-editable': editable ? 'true' : 'false',
      'aria-label': format(s.gridCellLabel, school.name, entry.topic, said),
      'aria-describedby': popId,
    },
    h('span', { class: 'cl-mark', 'aria-hidden': 'true' }, MARK[status]),
    ' ',
    statusText(s, status),
    record?.completedOn ? h('small', { class: 'cl-muted' }, ` ${record.completedOn}`) : null,
    overdue ? h('span', { class: 'cl-overdue' }, ` ${s.statusDue}`) : null,
    hasNote && record
      ? h(
          'div',
          { class: 'cl-popover', id: popId!, role: 'tooltip' },
          record.note ? h('p', {}, h('b', {}, `${s.note}: `), record.note) : null,
          record.catchUp ? h('p', {}, h('b', {}, `${s.catchUp}: `), record.catchUp) : null,
          record.updatedBy ? h('p', { class: 'cl-muted' }, format(s.updatedBy, record.updatedBy)) : null,
        )
      : null,
  );
}

export function drawGrid(ctx: Ctx): HTMLElement {
  const { s, snap, ui } = ctx;
  const { pacesetter, schools, today } = snap;
  const calendar = schoolCalendar(pacesetter.terms);
  const place = placeOf(calendar, today);
  const progress = clusterProgress(pacesetter, snap.coverage, schools, today);
  const due = new Set(dueEntries(pacesetter, today).map((d) => d.entry.id));
  const columns = 2 + schools.length;
  const body = h('tbody');
  let term: number | undefined;
  for (const entry of pacesetter.entries) {
    if (entry.term !== term) {
      term = entry.term;
      body.append(
        h(
          'tr',
          { class: 'cl-term-row' },
          h('th', { colspan: columns, scope: 'rowgroup' }, format(s.term, term)),
        ),
      );
    }
    const thisWeek = place.kind === 'week' && place.term === entry.term && place.week === entry.week;
    const common = entry.formal?.common ? entry.formal : undefined;
    const week = findWeek(calendar, entry.term, entry.week);
    const row = h(
      'tr',
      {
        class: [thisWeek ? 'cl-this-week' : '', common ? 'cl-common-row' : ''].filter(Boolean).join(' '),
        'data-entry': entry.id,
      },
      h('td', { class: 'cl-week' }, entry.week, week ? h('small', {}, `${week.first} – ${week.last}`) : null),
      h(
        'th',
        { scope: 'row' },
        entry.topic,
        thisWeek ? h('span', { class: 'cl-help' }, s.thisWeek) : null,
        common
          ? h(
              'span',
              { class: 'cl-common-marker cl-help' },
              format(s.commonAssessment, common.type, common.date),
            )
          : null,
      ),
      ...schools.map((school) => coverageCell(ctx, entry, school, due.has(entry.id))),
    );
    body.append(row);
    const open = ui.editing?.key.startsWith(`cov:${entry.id}:`)
      ? ui.editing.key.slice(`cov:${entry.id}:`.length)
      : undefined;
    const school = schools.find((x) => x.id === open);
    if (school) body.append(coverageFormRow(ctx, entry, school, columns));
  }
  const table = h(
    'table',
    { class: 'cl-table cl-grid', role: 'grid', 'aria-label': s.gridCaption },
    h('caption', { class: 'cl-sr-only' }, s.gridCaption),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, s.week),
        h('th', { scope: 'col' }, s.topic),
        ...schools.map((school, i) => schoolHead(ctx, school, progress[i]!)),
      ),
    ),
    body,
  );
  makeRoving(table, ui.focusKey, ctx.focused);
  table.addEventListener('keydown', (event) => {
    const cell = event.target as HTMLElement;
    if (
      (event.key !== 'Enter' && event.key !== 'F2') ||
      cell.tagName !== 'TD' ||
      !cell.dataset.key?.startsWith('c:')
    )
      return;
    event.preventDefault();
    const [, entryId, schoolId] = cell.dataset.key.split(':');
    if (cell.dataset.editable === 'true') ctx.edit({ key: `cov:${entryId}:${schoolId}`, draft: {} });
    else ctx.say(s.notYourSchool);
  });
  return h('div', { class: 'cl-grid-wrap' }, table);
}
