import type { EntryView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { h } from './dom';
import { button } from './forms';
import { format } from './strings';

// The actions of an entry row: add another entry to its week, start a lesson plan for it, and
// remove it (after a confirmation that names it).

export function actionsCell(ctx: Ctx, entry: EntryView): HTMLElement {
  const { s, snap, ui } = ctx;
  const id = entry.id;
  const plan = button(s.newPlan, () => ctx.send({ type: 'newPlanForEntry', entryId: id }), {
    key: `e:${id}:plan`,
    ariaLabel: format(s.newPlanFor, entry.topic),
  });
  if (!snap.canEditPaceSetter) return h('td', { class: 'cl-actions' }, plan);
  if (ui.confirmRemove === `e:${id}`) {
    const cancel = () => {
      ui.confirmRemove = undefined;
      ctx.edit(undefined, `e:${id}:remove`);
    };
    return h(
      'td',
      { class: 'cl-actions' },
      h(
        'div',
        {
          class: 'cl-confirm',
          role: 'group',
          'data-form': `confirm:${id}`,
          on: { keydown: (e) => e.key === 'Escape' && cancel() },
        },
        h('span', {}, format(s.confirmRemove, entry.topic)),
        button(
          s.remove,
          () => {
            ui.confirmRemove = undefined;
            ctx.send({ type: 'removeEntry', entryId: id });
            ctx.edit(undefined, neighbourKey(ctx, entry));
          },
          { appearance: 'primary', key: `e:${id}:confirm` },
        ),
        button(s.cancel, cancel),
      ),
    );
  }
  return h(
    'td',
    { class: 'cl-actions' },
    button(s.addEntry, () => ctx.edit({ key: `add:${entry.term}:${entry.week}`, draft: {} }), {
      key: `e:${id}:add`,
      ariaLabel: format(s.addEntryTo, entry.week, entry.term),
    }),
    plan,
    button(
      s.remove,
      () => {
        ui.confirmRemove = `e:${id}`;
        ctx.edit(undefined, `e:${id}:remove`);
      },
      { key: `e:${id}:remove`, ariaLabel: format(s.removeEntry, entry.topic) },
    ),
  );
}

/** Where focus goes when an entry is removed: the next entry of its term, else the one before, else "Add week". */
function neighbourKey(ctx: Ctx, entry: EntryView): string {
  const same = ctx.snap.pacesetter.entries.filter((e) => e.term === entry.term);
  const at = same.findIndex((e) => e.id === entry.id);
  const other = same[at + 1] ?? same[at - 1];
  return other ? `e:${other.id}:topic` : `addWeek:${entry.term}`;
}
