import { statusOf } from './behind';
import { findWeek, schoolCalendar } from './calendar';
import { parseResource } from './resources';
import type { CoverageStatus, CoverageView, EntryView, PaceSetterView } from './types';

// The pace-setter on A4 landscape paper, for classroom walls and cluster meetings (paper still
// matters: DOMAIN.md). Black on white, one table per term, rows that do not split across pages;
// optionally a column per school with what it has taught. Every value is escaped: the text comes
// from a shared document, and a printed page must never run anything.

/** The words on the page, translated by the caller (core/ has no l10n of its own). `{0}` is replaced. */
export interface PrintLabels {
  readonly term: string;
  readonly week: string;
  readonly dates: string;
  readonly topic: string;
  readonly reference: string;
  readonly hours: string;
  readonly priorKnowledge: string;
  readonly resources: string;
  readonly informalAssessment: string;
  readonly formalAssessment: string;
  readonly common: string;
  readonly noCost: string;
  readonly lowCost: string;
  readonly status: Readonly<Record<CoverageStatus, string>>;
  readonly noEntries: string;
  /** `{0}` subject, `{1}` grade, `{2}` year; used when the pace-setter has no title of its own. */
  readonly title: string;
}

export const ENGLISH_PRINT_LABELS: PrintLabels = {
  term: 'Term {0}',
  week: 'Week',
  dates: 'Dates',
  topic: 'Topic',
  reference: 'Reference',
  hours: 'Hours',
  priorKnowledge: 'Prior knowledge',
  resources: 'Resources',
  informalAssessment: 'Informal assessment',
  formalAssessment: 'Formal assessment',
  common: 'common paper',
  noCost: 'no cost',
  lowCost: 'low cost',
  status: {
    'not-started': 'not started',
    taught: 'taught',
    'partly-taught': 'partly taught',
    skipped: 'skipped',
  },
  noEntries: 'No entries yet.',
  title: '{0} · Grade {1} · {2}',
};

export interface PrintOptions {
  readonly labels?: PrintLabels;
  /** Adds a column per school with its coverage. */
  readonly schools?: readonly { readonly id: string; readonly name: string }[];
  readonly coverage?: Readonly<Record<string, CoverageView>>;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const fill = (template: string, value: string | number) => template.replace('{0}', String(value));

export const PACESETTER_PRINT_CSS = `
@page { size: A4 landscape; margin: 10mm; }
body { font: 9pt/1.35 "Segoe UI", "Noto Sans", Arial, sans-serif; color: #000; background: #fff; margin: 0; }
h1 { font-size: 14pt; margin: 0 0 4pt; } h2 { font-size: 11pt; margin: 10pt 0 3pt; page-break-after: avoid; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #666; padding: 2pt 3pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; } tr { page-break-inside: avoid; }
ul { margin: 0; padding-left: 10pt; } .cl-common { font-weight: 700; border: 1.5px solid #000; padding: 0 2pt; }
.cl-num { width: 3.5em; } .cl-dates { width: 7em; } .cl-status { font-size: 8pt; }
@media print { .cl-no-print { display: none !important; } }
`;

function list(items: readonly string[]): string {
  return items.length === 0 ? '' : `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function resources(items: readonly string[], labels: PrintLabels): string {
  return list(
    items.map((text) => {
      const r = parseResource(text);
      return r.cost ? `${r.name} (${r.cost === 'no-cost' ? labels.noCost : labels.lowCost})` : r.name;
    }),
  );
}

function formal(entry: EntryView, labels: PrintLabels): string {
  const f = entry.formal;
  if (!f) return '';
  const text = escapeHtml(`${f.type}, ${f.weight}%, ${f.date}`);
  return f.common ? `<span class="cl-common">${text} (${escapeHtml(labels.common)})</span>` : text;
}

/** The tables, without <html>: for a webview that adds its own toolbar. */
export function paceSetterTablesHtml(pacesetter: PaceSetterView, options: PrintOptions = {}): string {
  const labels = options.labels ?? ENGLISH_PRINT_LABELS;
  const schools = options.coverage ? (options.schools ?? []) : [];
  const calendar = schoolCalendar(pacesetter.terms);
  const termNumbers = [
    ...new Set([...pacesetter.terms.map((t) => t.number), ...pacesetter.entries.map((e) => e.term)]),
  ].sort((a, b) => a - b);
  const head = [
    `<th class="cl-num" scope="col">${escapeHtml(labels.week)}</th>`,
    `<th class="cl-dates" scope="col">${escapeHtml(labels.dates)}</th>`,
    ...[
      labels.topic,
      labels.reference,
      labels.hours,
      labels.priorKnowledge,
      labels.resources,
      labels.informalAssessment,
      labels.formalAssessment,
    ].map((l) => `<th scope="col">${escapeHtml(l)}</th>`),
    ...schools.map((s) => `<th scope="col">${escapeHtml(s.name)}</th>`),
  ].join('');
  const sections = termNumbers.map((term) => {
    const rows = pacesetter.entries
      .filter((e) => e.term === term)
      .map((e) => {
        const w = findWeek(calendar, e.term, e.week);
        const cells = [
          `<td class="cl-num">${e.week}</td>`,
          `<td class="cl-dates">${w ? escapeHtml(`${w.first} – ${w.last}`) : ''}</td>`,
          `<td><strong>${escapeHtml(e.topic)}</strong>${list(e.subTopics)}</td>`,
          `<td>${escapeHtml(e.reference)}</td>`,
          `<td>${e.hours === 0 ? '' : e.hours}</td>`,
          `<td>${escapeHtml(e.priorKnowledge)}</td>`,
          `<td>${resources(e.resources, labels)}</td>`,
          `<td>${escapeHtml(e.informalAssessment)}</td>`,
          `<td>${formal(e, labels)}</td>`,
          ...schools.map((s) => {
            const record = options.coverage?.[s.id]?.[e.id];
            const status = labels.status[statusOf(options.coverage?.[s.id], e.id)];
            const when = record?.completedOn ? ` ${record.completedOn}` : '';
            return `<td class="cl-status">${escapeHtml(status + when)}</td>`;
          }),
        ];
        return `<tr>${cells.join('')}</tr>`;
      });
    const body =
      rows.length > 0
        ? rows.join('')
        : `<tr><td colspan="${9 + schools.length}">${escapeHtml(labels.noEntries)}</td></tr>`;
    return `<h2>${escapeHtml(fill(labels.term, term))}</h2><table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
  });
  return sections.join('\n');
}

/** The pace-setter's title, or one made from subject, grade and year with `template` ({0}, {1}, {2}). */
export function paceSetterTitle(pacesetter: PaceSetterView, template = '{0} · Grade {1} · {2}'): string {
  const m = pacesetter.meta;
  if (m.title?.trim()) return m.title.trim();
  const values = [m.subject, m.grade, m.year ? String(m.year) : ''];
  return template.replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
}

/** A standalone A4 landscape page: to print, or save and open in any browser. */
export function renderPaceSetterHtml(pacesetter: PaceSetterView, options: PrintOptions = {}): string {
  const title = escapeHtml(paceSetterTitle(pacesetter, (options.labels ?? ENGLISH_PRINT_LABELS).title));
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title><style>${PACESETTER_PRINT_CSS}</style></head><body><h1>${title}</h1>\n${paceSetterTablesHtml(pacesetter, options)}</body></html>`;
}
