import { COVERAGE_STATUSES, type CoverageStatus, type EntryView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { h } from './dom';
import { dropdown, formButtons, inlineForm, textField } from './forms';
import { statusText } from './labels';
import type { School } from './protocol';
import { format } from './strings';
import { looksLikeDate } from './entryFields';

// A teacher records what their school taught of one entry: status, date taught, a note and a
// catch-up plan. The form opens in a row under the entry; Enter saves, Escape cancels, and focus
// returns to the cell either way.

export function coverageFormRow(ctx: Ctx, entry: EntryView, school: School, columns: number): HTMLElement {
  const { s, snap, ui } = ctx;
  const key = `cov:${entry.id}:${school.id}`;
  const cell = `c:${entry.id}:${school.id}`;
  const record = snap.coverage[school.id]?.[entry.id];
  const options = COVERAGE_STATUSES.map((value) => ({ value, label: statusText(s, value) }));
  const title = format(s.recordCoverage, school.name, entry.topic);
  const form = inlineForm(
    'div',
    { class: 'cl-form', 'data-form': key, role: 'group', 'aria-label': title },
    {
      commit: (values) => {
        const status = String(values.status) as CoverageStatus;
        const completedOn = String(values.completedOn ?? '').trim();
        if (completedOn !== '' && !looksLikeDate(completedOn))
          return ctx.edit({ key, draft: values, error: s.needDate });
        const note = String(values.note ?? '').trim();
        const catchUp = String(values.catchUp ?? '').trim();
        ctx.edit(undefined, cell);
        ctx.send(
          {
            type: 'setCoverage',
            schoolId: school.id,
            coverage: {
              entryId: entry.id,
              status,
              completedOn: completedOn || null,
              note: note || null,
              catchUp: catchUp || null,
            },
          },
          (reply) => {
            if (!reply.ok && !ctx.ui.editing) ctx.edit({ key, draft: values, error: reply.error });
          },
        );
      },
      cancel: () => ctx.edit(undefined, cell),
    },
    (finish) => [
      h('strong', {}, title),
      dropdown('status', s.coverageStatus, options, ui.editing, record?.status ?? 'taught'),
      textField('completedOn', s.completedOn, ui.editing, record?.completedOn ?? snap.today),
      textField('note', s.note, ui.editing, record?.note ?? ''),
      textField('catchUp', s.catchUp, ui.editing, record?.catchUp ?? ''),
      formButtons(finish, s.save, s.cancel),
      ui.editing?.error ? h('span', { class: 'cl-field-error', role: 'alert' }, ui.editing.error) : null,
    ],
  );
  return h('tr', { class: 'cl-form-row' }, h('td', { colspan: columns }, form));
}
