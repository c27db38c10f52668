import { findWeek, placeOf, schoolCalendar, weeksInTerm } from '../../core/pacesetter/calendar';
import { whoKnows } from '../../core/pacesetter/expertise';
import type { EntryView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { type Child, h } from './dom';
import { cellLabel, EDIT_HINT_ID } from './cellLabel';
import { actionsCell } from './entryActions';
import { ENTRY_COLUMNS, type EntryColumn } from './entryFields';
import { formalCell } from './formalCell';
import { button, formButtons, inlineForm, textField } from './forms';
import { makeRoving } from './roving';
import { format } from './strings';
import { addTermTool, termDays, termHead } from './termTools';

// The pace-setter editor: a table per term, a row per entry. A leader moves with the arrow keys,
// presses Enter (or F2) on a cell to edit it in place, Enter to save and Escape to cancel. Teachers
// get the same table without editing, and a note saying why.

export function drawEditor(ctx: Ctx): HTMLElement {
  const { snap, s } = ctx;
  const { pacesetter } = snap;
  const calendar = schoolCalendar(pacesetter.terms);
  const numbers = [
    ...new Set([...pacesetter.terms.map((t) => t.number), ...pacesetter.entries.map((e) => e.term)]),
  ].sort((a, b) => a - b);
  const root = h(
    'div',
    { class: 'cl-editor' },
    snap.canEditPaceSetter
      ? h('span', { id: EDIT_HINT_ID, class: 'cl-sr-only' }, s.editHint)
      : h('p', { class: 'cl-readonly', role: 'note' }, s.readOnlyNote),
  );
  if (numbers.length === 0) root.append(h('p', { class: 'cl-muted' }, s.noTerms));
  for (const number of numbers) {
    // Two leaders offline may both add a term 3: show both so one can be removed.
    const terms = pacesetter.terms.filter((t) => t.number === number);
    const section = h('section', { class: 'cl-term', 'aria-label': format(s.term, number) });
    for (const term of terms.length > 0 ? terms : [undefined])
      section.append(termHead(ctx, number, term, term ? weeksInTerm(calendar, number) : undefined));
    section.append(termDays(ctx, terms[0]) ?? '');
    const entries = pacesetter.entries.filter((e) => e.term === number);
    section.append(
      entries.length > 0
        ? termTable(ctx, number, entries, calendar)
        : h('p', { class: 'cl-muted' }, s.noEntries),
    );
    section.append(addWeekTool(ctx, number));
    root.append(section);
  }
  root.append(
    addTermTool(
      ctx,
      pacesetter.terms.map((t) => t.number),
    ) ?? '',
  );
  return root;
}

function termTable(
  ctx: Ctx,
  term: number,
  entries: readonly EntryView[],
  calendar: ReturnType<typeof schoolCalendar>,
): HTMLTableElement {
  const { s, ui } = ctx;
  const heads = [s.week, ...ENTRY_COLUMNS.slice(1).map((c) => s[c.label]), s.formalAssessment, s.actions];
  const body = h('tbody');
  entries.forEach((entry, i) => {
    const repeat = i > 0 && entries[i - 1]!.week === entry.week;
    body.append(entryRow(ctx, entry, repeat, calendar));
    const lastOfWeek = entries[i + 1]?.week !== entry.week;
    const key = `add:${term}:${entry.week}`;
    if (lastOfWeek && ui.editing?.key === key)
      body.append(
        h(
          'tr',
          {},
          h('td', { colspan: heads.length }, newTopicForm(ctx, key, term, entry.week, `e:${entry.id}:add`)),
        ),
      );
  });
  const table = h(
    'table',
    { class: 'cl-table', role: 'grid', 'aria-label': format(s.term, term) },
    h('thead', {}, h('tr', {}, ...heads.map((l) => h('th', { scope: 'col' }, l)))),
    body,
  );
  makeRoving(table, ui.focusKey, ctx.focused);
  table.addEventListener('keydown', (event) => {
    const cell = event.target as HTMLElement;
    if (
      (event.key === 'Enter' || event.key === 'F2') &&
      cell.tagName === 'TD' &&
      cell.dataset.editable === 'true'
    ) {
      event.preventDefault();
      ctx.edit({ key: cell.dataset.key!, draft: {} });
    }
  });
  return table;
}

function entryRow(
  ctx: Ctx,
  entry: EntryView,
  repeat: boolean,
  calendar: ReturnType<typeof schoolCalendar>,
): HTMLTableRowElement {
  const { s } = ctx;
  const week = findWeek(calendar, entry.term, entry.week);
  const cells: HTMLElement[] = ENTRY_COLUMNS.map((column) => {
    if (column.field === 'week') {
      const show: Child[] = [
        h('span', { class: repeat ? 'cl-repeat' : '' }, entry.week),
        week ? h('small', {}, `${week.first} – ${week.last}`) : null,
      ];
      return fieldCell(ctx, entry, column, show, 'cl-week');
    }
    const shown = column.show(entry, s);
    if (column.field !== 'topic') return fieldCell(ctx, entry, column, [shown]);
    const helpers = whoKnows(ctx.snap.expertise, [entry.topic, ...entry.subTopics]).map(
      (m) => `${m.member.name} (${m.member.school})`,
    );
    return fieldCell(ctx, entry, column, [
      shown,
      helpers.length > 0 ? h('span', { class: 'cl-help' }, format(s.expertise, helpers.join(', '))) : null,
    ]);
  });
  cells.push(formalCell(ctx, entry), actionsCell(ctx, entry));
  const today = placeOf(calendar, ctx.snap.today);
  const thisWeek = today.kind === 'week' && today.term === entry.term && today.week === entry.week;
  return h('tr', { 'data-entry': entry.id, class: thisWeek ? 'cl-this-week' : undefined }, ...cells);
}

function fieldCell(ctx: Ctx, entry: EntryView, column: EntryColumn, shown: Child[], cls = ''): HTMLElement {
  const { s, snap, ui } = ctx;
  const key = `e:${entry.id}:${column.field}`;
  if (ui.editing?.key === key) {
    const form = inlineForm(
      'td',
      { class: 'cl-editing', 'data-form': key },
      {
        commit: (values) => {
          const text = String(values.value ?? '');
          if (text === column.text(entry)) return ctx.edit(undefined, key);
          const parsed = column.parse(text, s);
          if (!parsed.ok) return ctx.edit({ key, draft: values, error: parsed.error });
          ctx.edit(undefined, key);
          ctx.send({ type: 'updateEntry', entryId: entry.id, patch: parsed.patch }, (reply) => {
            if (!reply.ok && !ctx.ui.editing) ctx.edit({ key, draft: values, error: reply.error });
          });
        },
        cancel: () => ctx.edit(undefined, key),
      },
      () => [
        textField(
          'value',
          s[column.label],
          ui.editing,
          column.text(entry),
          column.hint ? { placeholder: s[column.hint] } : {},
        ),
        ui.editing?.error ? h('span', { class: 'cl-field-error', role: 'alert' }, ui.editing.error) : null,
      ],
    );
    return form;
  }
  return h(
    'td',
    {
      class: cls,
      'data-key': key,
      'data-editable': snap.canEditPaceSetter ? 'true' : 'false',
      'aria-label': cellLabel(ctx, entry, s[column.label], column.text(entry)),
      'aria-describedby': snap.canEditPaceSetter ? EDIT_HINT_ID : undefined,
    },
    ...shown,
  );
}

/** The one-field form that adds an entry to a week (or, with week undefined, a new week); `back` is focused after. */
function newTopicForm(
  ctx: Ctx,
  key: string,
  term: number,
  week: number | undefined,
  back: string,
): HTMLElement {
  const { s, ui } = ctx;
  return inlineForm(
    'div',
    {
      class: 'cl-form',
      'data-form': key,
      role: 'group',
      'aria-label': week === undefined ? format(s.addWeekTo, term) : format(s.addEntryTo, week, term),
    },
    {
      commit: (values) => {
        const topic = String(values.topic ?? '').trim();
        if (topic === '') return ctx.edit(undefined, back);
        ctx.edit(undefined, back);
        if (week === undefined) ctx.send({ type: 'addWeek', term, topic });
        else ctx.send({ type: 'addEntry', entry: { term, week, topic } });
      },
      cancel: () => ctx.edit(undefined, back),
    },
    (finish) => [textField('topic', s.newTopic, ui.editing, ''), formButtons(finish, s.save, s.cancel)],
  );
}

function addWeekTool(ctx: Ctx, term: number): HTMLElement | string {
  const { s, snap, ui } = ctx;
  if (!snap.canEditPaceSetter) return '';
  const key = `addWeek:${term}`;
  if (ui.editing?.key === `${key}:form`) return newTopicForm(ctx, `${key}:form`, term, undefined, key);
  return h(
    'div',
    { class: 'cl-toolbar' },
    button(s.addWeek, () => ctx.edit({ key: `${key}:form`, draft: {} }), {
      key,
      ariaLabel: format(s.addWeekTo, term),
    }),
  );
}
