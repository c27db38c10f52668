import type { EntryView, FormalAssessment } from '../../core/pacesetter/types';
import { cellLabel, EDIT_HINT_ID } from './cellLabel';
import type { Ctx } from './context';
import { h } from './dom';
import { looksLikeDate } from './entryFields';
import { button, checkbox, formButtons, inlineForm, textField } from './forms';

// The formal assessment cell: type, weight, date and whether it is a common paper, edited in one
// small form. An empty type (or "No formal task") removes the task.

function formalText(f: FormalAssessment | undefined, common: string): string {
  return f ? `${f.type} · ${f.weight}% · ${f.date}${f.common ? ` · ${common}` : ''}` : '';
}

export function formalCell(ctx: Ctx, entry: EntryView): HTMLElement {
  const { s, snap, ui } = ctx;
  const key = `e:${entry.id}:formal`;
  const f = entry.formal;
  if (ui.editing?.key !== key) {
    return h(
      'td',
      {
        'data-key': key,
        'data-editable': snap.canEditPaceSetter ? 'true' : 'false',
        'aria-label': cellLabel(ctx, entry, s.formalAssessment, formalText(f, s.commonPaper)),
        'aria-describedby': snap.canEditPaceSetter ? EDIT_HINT_ID : undefined,
      },
      f ? h('span', { class: f.common ? 'cl-formal-common' : '' }, formalText(f, s.commonPaper)) : '',
    );
  }
  const save = (values: Record<string, string | boolean>) => {
    const type = String(values.type ?? '').trim();
    if (type === '') return send(null, values);
    const weight = Number(
      String(values.weight ?? '')
        .replace(',', '.')
        .replace('%', '')
        .trim(),
    );
    if (!(weight > 0 && weight <= 100)) return ctx.edit({ key, draft: values, error: s.needWeight });
    const date = String(values.date ?? '').trim();
    if (!looksLikeDate(date)) return ctx.edit({ key, draft: values, error: s.needDate });
    send({ type, weight, date, common: values.common === true }, values);
  };
  const send = (formal: FormalAssessment | null, values: Record<string, string | boolean>) => {
    ctx.edit(undefined, key);
    if (formal === null && !f) return;
    ctx.send({ type: 'updateEntry', entryId: entry.id, patch: { formal } }, (reply) => {
      if (!reply.ok && !ctx.ui.editing) ctx.edit({ key, draft: values, error: reply.error });
    });
  };
  return inlineForm(
    'td',
    { class: 'cl-editing', 'data-form': key },
    { commit: save, cancel: () => ctx.edit(undefined, key) },
    (finish) => [
      h(
        'div',
        { class: 'cl-form' },
        textField('type', s.formalType, ui.editing, f?.type ?? ''),
        textField('weight', s.formalWeight, ui.editing, f ? String(f.weight) : ''),
        textField('date', s.formalDate, ui.editing, f?.date ?? ''),
        checkbox('common', s.formalCommon, ui.editing, f?.common ?? false),
        formButtons(finish, s.save, s.cancel),
        f ? button(s.removeFormal, () => send(null, {})) : null,
        ui.editing?.error ? h('span', { class: 'cl-field-error', role: 'alert' }, ui.editing.error) : null,
      ),
    ],
  );
}
