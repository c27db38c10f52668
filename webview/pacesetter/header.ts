import { nextCommonAssessment } from '../../core/pacesetter/behind';
import { findWeek, placeOf, schoolCalendar } from '../../core/pacesetter/calendar';
import { paceSetterTitle } from '../../core/pacesetter/printHtml';
import type { Ctx } from './context';
import { h } from './dom';
import { button } from './forms';
import { format } from './strings';

// The lines above the tabs: title, where today falls, the next common assessment, and the
// toolbar (import, export, print). Importing asks replace-or-merge after the file is read,
// because replacing removes entries that are not in the file.

export function drawHeader(ctx: Ctx): HTMLElement {
  const { s, snap } = ctx;
  const { pacesetter, today } = snap;
  const calendar = schoolCalendar(pacesetter.terms);
  const place = placeOf(calendar, today);
  const week = place.kind === 'week' ? findWeek(calendar, place.term, place.week) : undefined;
  const todayLine =
    place.kind === 'week' && week
      ? format(s.today, place.term, place.week, week.first, week.last)
      : place.kind === 'break'
        ? format(s.todayBreak, place.term)
        : s.todayHolidays;
  const common = nextCommonAssessment(pacesetter, today);
  return h(
    'header',
    { class: 'cl-header' },
    h('h1', {}, paceSetterTitle(pacesetter, s.title)),
    h('span', { class: 'cl-today' }, todayLine),
    h(
      'span',
      { class: common ? 'cl-formal-common cl-next-common' : 'cl-muted cl-next-common' },
      common
        ? format(
            s.nextCommon,
            common.formal.type,
            common.formal.date,
            common.formal.weight,
            common.entry.topic,
          )
        : s.noCommon,
    ),
  );
}

export function drawToolbar(ctx: Ctx, pickFile: () => void): HTMLElement {
  const { s, snap, ui } = ctx;
  const bar = h(
    'div',
    { class: 'cl-toolbar', role: 'toolbar', 'aria-label': s.tabEditor },
    snap.canEditPaceSetter ? button(s.importCsv, pickFile, { key: 'tool:import' }) : null,
    button(s.exportCsv, () => ctx.send({ type: 'exportCsv' }), { key: 'tool:export' }),
    button(s.print, () => ctx.send({ type: 'print', withCoverage: false }), { key: 'tool:print' }),
    button(s.printWithCoverage, () => ctx.send({ type: 'print', withCoverage: true }), {
      key: 'tool:print-coverage',
    }),
  );
  const file = ui.importFile;
  if (!file || !snap.canEditPaceSetter) return bar;
  const choose = (mode: 'replace' | 'merge' | undefined) => {
    ui.importFile = undefined;
    if (mode) ctx.send({ type: 'importCsv', text: file.text, fileName: file.name, mode });
    ctx.edit(undefined, 'tool:import');
  };
  return h(
    'div',
    {},
    bar,
    h(
      'div',
      {
        class: 'cl-form',
        role: 'group',
        'data-form': 'import',
        on: { keydown: (e) => e.key === 'Escape' && choose(undefined) },
      },
      h('span', {}, format(s.importWhat, file.name)),
      button(s.importReplace, () => choose('replace'), { appearance: 'primary', key: 'tool:import-replace' }),
      button(s.importMerge, () => choose('merge'), { key: 'tool:import-merge' }),
      button(s.cancel, () => choose(undefined)),
    ),
  );
}
