import { joinList, parseResource, splitList } from '../../core/pacesetter/resources';
import type { EntryPatch, EntryView } from '../../core/pacesetter/types';
import { type Child, h } from './dom';
import type { PaceSetterStrings, StringKey } from './strings';

// The columns of the editor: how each field of an entry is shown, edited as text, and read back
// into a patch. Lists are edited as one line separated by semicolons, as in the CSV file. The
// formal assessment has its own small form (editor.ts).

export type Parsed =
  | { readonly ok: true; readonly patch: EntryPatch }
  | { readonly ok: false; readonly error: string };

export interface EntryColumn {
  readonly field:
    | 'week'
    | 'topic'
    | 'subTopics'
    | 'reference'
    | 'hours'
    | 'priorKnowledge'
    | 'resources'
    | 'informalAssessment';
  readonly label: StringKey;
  readonly hint?: StringKey;
  text(entry: EntryView): string;
  show(entry: EntryView, s: PaceSetterStrings): Child;
  parse(text: string, s: PaceSetterStrings): Parsed;
}

const list = (items: readonly Child[]): Child =>
  items.length === 0 ? '' : h('ul', { class: 'cl-list' }, ...items.map((i) => h('li', {}, i)));

const plain = (
  field: 'reference' | 'priorKnowledge' | 'informalAssessment',
  label: StringKey,
): EntryColumn => ({
  field,
  label,
  text: (e) => e[field],
  show: (e) => e[field],
  parse: (t) => ({ ok: true, patch: { [field]: t.trim() } }),
});

export const ENTRY_COLUMNS: readonly EntryColumn[] = [
  {
    field: 'week',
    label: 'week',
    text: (e) => String(e.week),
    show: (e) => e.week,
    parse: (t, s) =>
      /^\d{1,2}$/.test(t.trim()) && Number(t) >= 1 && Number(t) <= 20
        ? { ok: true, patch: { week: Number(t) } }
        : { ok: false, error: s.needWholeWeek },
  },
  {
    field: 'topic',
    label: 'topic',
    text: (e) => e.topic,
    show: (e) => h('strong', {}, e.topic),
    parse: (t, s) =>
      t.trim() === '' ? { ok: false, error: s.needTopic } : { ok: true, patch: { topic: t.trim() } },
  },
  {
    field: 'subTopics',
    label: 'subTopics',
    hint: 'listHint',
    text: (e) => joinList(e.subTopics),
    show: (e) => list(e.subTopics),
    parse: (t) => ({ ok: true, patch: { subTopics: splitList(t) } }),
  },
  plain('reference', 'reference'),
  {
    field: 'hours',
    label: 'hours',
    text: (e) => (e.hours === 0 ? '' : String(e.hours)),
    show: (e) => (e.hours === 0 ? '' : e.hours),
    parse: (t, s) => {
      // A comma is the decimal mark in South Africa; accept it here (the CSV file takes a dot).
      const v = t.trim().replace(',', '.');
      if (v === '') return { ok: true, patch: { hours: 0 } };
      return /^\d+(\.\d+)?$/.test(v) && Number(v) <= 200
        ? { ok: true, patch: { hours: Number(v) } }
        : { ok: false, error: s.needHours };
    },
  },
  plain('priorKnowledge', 'priorKnowledge'),
  {
    field: 'resources',
    label: 'resources',
    hint: 'resourceHint',
    text: (e) => joinList(e.resources),
    show: (e, s) =>
      list(
        e.resources.map((text) => {
          const r = parseResource(text);
          return r.cost
            ? h(
                'span',
                {},
                r.name,
                ' ',
                h('span', { class: 'cl-cost' }, `(${r.cost === 'no-cost' ? s.noCost : s.lowCost})`),
              )
            : r.name;
        }),
      ),
    parse: (t) => ({ ok: true, patch: { resources: splitList(t) } }),
  },
  plain('informalAssessment', 'informalAssessment'),
];

/** Reads a date typed as YYYY-MM-DD; the core checks it is a real date. */
export const looksLikeDate = (t: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(t.trim());
