import { addDays, isWeekend } from '../../core/pacesetter/isoDate';
import type { NonTeachingDay, TermView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { h } from './dom';
import { button, formButtons, inlineForm, textField } from './forms';
import { looksLikeDate } from './entryFields';
import { format } from './strings';

// The leader's term controls: the term's dates and its non-teaching days, and adding a term.
// Forms open in place; Enter saves, Escape cancels and returns focus to the button.

function termForm(
  ctx: Ctx,
  key: string,
  fields: HTMLElement[],
  onCommit: (v: Record<string, string | boolean>) => string | undefined,
): HTMLElement {
  const { s, ui } = ctx;
  return inlineForm(
    'div',
    { class: 'cl-form', 'data-form': key, role: 'group' },
    {
      commit: (values) => {
        const error = onCommit(values);
        if (error) ctx.edit({ key, draft: values, error });
      },
      cancel: () => ctx.edit(undefined, key),
    },
    (finish) => [
      ...fields,
      formButtons(finish, s.save, s.cancel),
      ui.editing?.error ? h('span', { class: 'cl-field-error', role: 'alert' }, ui.editing.error) : null,
    ],
  );
}

/** Term heading with dates, and for the leader: change dates, remove term. */
export function termHead(
  ctx: Ctx,
  number: number,
  term: TermView | undefined,
  weeks: number | undefined,
): HTMLElement {
  const { s, snap, ui } = ctx;
  const head = h(
    'div',
    { class: 'cl-term-head' },
    h('h2', {}, format(s.term, number)),
    term
      ? h('span', {}, format(s.termDates, term.start, term.end))
      : h('span', { class: 'cl-muted' }, s.termNoDates),
    weeks !== undefined ? h('span', { class: 'cl-muted' }, format(s.termWeeks, weeks)) : null,
  );
  if (!snap.canEditPaceSetter || !term) return head;
  const key = `term:${term.id}:dates`;
  if (ui.editing?.key === key) {
    const form = termForm(
      ctx,
      key,
      [
        textField('start', s.termStart, ui.editing, term.start),
        textField('end', s.termEnd, ui.editing, term.end),
      ],
      (v) => {
        const start = String(v.start).trim();
        const end = String(v.end).trim();
        if (!looksLikeDate(start) || !looksLikeDate(end)) return s.needDate;
        if (start !== term.start || end !== term.end)
          ctx.send({ type: 'setTermDates', termId: term.id, start, end });
        ctx.edit(undefined, key);
        return undefined;
      },
    );
    return h('div', {}, head, form);
  }
  const removeKey = `t:${term.id}`;
  if (ui.confirmRemove === removeKey) {
    const done = (remove: boolean) => {
      ui.confirmRemove = undefined;
      if (remove) ctx.send({ type: 'removeTerm', termId: term.id });
      ctx.edit(undefined, remove ? 'term:add' : `${removeKey}:remove`);
    };
    head.append(
      h(
        'span',
        {
          class: 'cl-confirm',
          role: 'group',
          'data-form': `confirm:${removeKey}`,
          on: { keydown: (e) => e.key === 'Escape' && done(false) },
        },
        format(s.confirmRemoveTerm, number),
        button(s.removeTerm, () => done(true), { appearance: 'primary', key: `${removeKey}:confirm` }),
        button(s.cancel, () => done(false)),
      ),
    );
    return head;
  }
  head.append(
    button(s.editDates, () => ctx.edit({ key, draft: {} }), {
      key,
      ariaLabel: `${s.editDates}: ${format(s.term, number)}`,
    }),
    button(
      s.removeTerm,
      () => {
        ui.confirmRemove = removeKey;
        ctx.edit(undefined, `${removeKey}:remove`);
      },
      { key: `${removeKey}:remove`, ariaLabel: `${s.removeTerm}: ${format(s.term, number)}` },
    ),
  );
  return head;
}

/** Runs of non-teaching days with one label (a break week is one chip, not five). */
export function dayRuns(
  days: readonly NonTeachingDay[],
): { from: string; to: string; label?: string; dates: string[] }[] {
  const runs: { from: string; to: string; label?: string; dates: string[] }[] = [];
  for (const d of days) {
    const last = runs[runs.length - 1];
    let next = last ? addDays(last.to, 1) : '';
    while (last && isWeekend(next)) next = addDays(next, 1);
    if (last && next === d.date && last.label === d.label) {
      last.to = d.date;
      last.dates.push(d.date);
    } else runs.push({ from: d.date, to: d.date, ...(d.label ? { label: d.label } : {}), dates: [d.date] });
  }
  return runs;
}

/** The term's non-teaching days; the leader adds (one day or a break) and removes them. */
export function termDays(ctx: Ctx, term: TermView | undefined): HTMLElement | null {
  const { s, snap, ui } = ctx;
  if (!term || (term.nonTeachingDays.length === 0 && !snap.canEditPaceSetter)) return null;
  const key = `term:${term.id}:day`;
  const days = dayRuns(term.nonTeachingDays).map((run) => {
    const when = run.from === run.to ? run.from : format(s.termDates, run.from, run.to);
    return h(
      'span',
      { class: 'cl-day' },
      run.label ? `${when} ${run.label}` : when,
      snap.canEditPaceSetter
        ? button('×', () => ctx.send({ type: 'removeNonTeachingDays', termId: term.id, dates: run.dates }), {
            ariaLabel: format(s.removeDay, run.label ? `${when} ${run.label}` : when),
          })
        : null,
    );
  });
  const box = h(
    'div',
    { class: 'cl-days' },
    h('span', { class: 'cl-muted' }, `${s.nonTeachingDays}:`),
    ...days,
  );
  if (!snap.canEditPaceSetter) return box;
  if (ui.editing?.key === key) {
    const fields = [
      textField('from', s.nonTeachingFrom, ui.editing, ''),
      textField('to', s.nonTeachingTo, ui.editing, ''),
      textField('label', s.nonTeachingLabel, ui.editing, ''),
    ];
    const form = termForm(ctx, key, fields, (v) => {
      const from = String(v.from).trim();
      const to = String(v.to).trim();
      if (!looksLikeDate(from) || (to !== '' && !looksLikeDate(to))) return s.needDate;
      const label = String(v.label).trim();
      ctx.send({
        type: 'addNonTeachingDays',
        termId: term.id,
        range: { from, ...(to ? { to } : {}), ...(label ? { label } : {}) },
      });
      ctx.edit(undefined, key);
      return undefined;
    });
    return h('div', {}, box, form);
  }
  box.append(button(s.addNonTeachingDay, () => ctx.edit({ key, draft: {} }), { key }));
  return box;
}

/** "Add term" for the leader: number, first and last day. */
export function addTermTool(ctx: Ctx, taken: readonly number[]): HTMLElement | null {
  const { s, snap, ui } = ctx;
  if (!snap.canEditPaceSetter) return null;
  const key = 'term:add';
  const next = [1, 2, 3, 4].find((n) => !taken.includes(n));
  if (next === undefined) return null;
  if (ui.editing?.key !== key)
    return h(
      'div',
      { class: 'cl-toolbar' },
      button(s.addTerm, () => ctx.edit({ key, draft: {} }), { key }),
    );
  return termForm(
    ctx,
    key,
    [
      textField('number', s.termNumber, ui.editing, String(next)),
      textField('start', s.termStart, ui.editing, ''),
      textField('end', s.termEnd, ui.editing, ''),
    ],
    (v) => {
      const number = Number(String(v.number).trim());
      if (![1, 2, 3, 4].includes(number)) return s.needTermNumber;
      const start = String(v.start).trim();
      const end = String(v.end).trim();
      if (!looksLikeDate(start) || !looksLikeDate(end)) return s.needDate;
      ctx.send({ type: 'addTerm', term: { number, start, end } });
      ctx.edit(undefined, key);
      return undefined;
    },
  );
}
