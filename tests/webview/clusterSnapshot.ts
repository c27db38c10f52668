import * as Y from 'yjs';
import { findWeek, schoolCalendar } from '../../core/pacesetter/calendar';
import { readCoverage, setCoverage } from '../../core/pacesetter/coverage';
import { addEntry, setMeta } from '../../core/pacesetter/edits';
import { addTerm } from '../../core/pacesetter/termEdits';
import { readPaceSetter } from '../../core/pacesetter/model';
import { PaceSetterOrigin } from '../../core/pacesetter/origin';
import type { CoverageStatus, NewEntry, PaceSetterView } from '../../core/pacesetter/types';
import type { Snapshot } from '../../webview/pacesetter/protocol';
import { DEFAULT_STRINGS } from '../../webview/pacesetter/strings';

// A Mpumalanga cluster as the extension would describe it to the webview, built with the real
// core functions on real Y.Docs: three schools, the Grade 8 Natural Sciences pace-setter for
// term 1 of 2027, and coverage on Wednesday 24 February (week 6, just after the mid-term break):
// Kwaggafontein has taught weeks 1–5 (on pace), Vezubuhle weeks 1–4 (1 week behind) and
// Siyabuswa weeks 1–3 with week 4 partly taught and a catch-up plan (2 weeks behind).

export const TODAY = '2027-02-24';
export const SCHOOLS = [
  { id: 'kwaggafontein', name: 'Kwaggafontein Combined' },
  { id: 'siyabuswa', name: 'Siyabuswa Secondary' },
  { id: 'vezubuhle', name: 'Vezubuhle Primary' },
];

const leader = new PaceSetterOrigin('test');
const TOPICS: [string, Partial<NewEntry>][] = [
  [
    'Cells as the basic units of life',
    { subTopics: ['Cell structure', 'Plant and animal cells'], reference: 'CAPS p. 22', hours: 4 },
  ],
  ['Microscopes', { resources: ['Hand lens (low-cost)', 'Onion skin (no-cost)'], hours: 4 }],
  [
    'Photosynthesis',
    { subTopics: ['Light', 'Chlorophyll', 'Starch test'], reference: 'CAPS p. 24', hours: 4 },
  ],
  ['Respiration', { hours: 4, informalAssessment: 'Oral questions' }],
  ['Interactions in the environment', { hours: 4 }],
  ['Food chains and webs', { hours: 4 }],
  ['Adaptation', { hours: 4 }],
  ['Revision', { hours: 4 }],
  ['Common test', { hours: 4, formal: { type: 'Test', weight: 25, date: '2027-03-17', common: true } }],
  ['Micro-organisms', { hours: 2 }],
];

export function paceSetter(): { doc: Y.Doc; view: () => PaceSetterView; ids: string[] } {
  const doc = new Y.Doc();
  setMeta(doc, { subject: 'Natural Sciences', grade: '8', year: 2027 }, leader);
  addTerm(
    doc,
    {
      number: 1,
      start: '2027-01-13',
      end: '2027-03-24',
      nonTeachingDays: [
        ...['15', '16', '17', '18', '19'].map((d) => ({ date: `2027-02-${d}`, label: 'Mid-term break' })),
        { date: '2027-03-22', label: 'Human Rights Day' },
      ],
    },
    leader,
  );
  const ids = TOPICS.map(([topic, extra], i) => {
    const r = addEntry(doc, { term: 1, week: i + 1, topic, ...extra }, leader);
    if (!r.ok) throw new Error(r.error);
    return r.id;
  });
  return { doc, ids, view: () => readPaceSetter(doc, 'natural-sciences-8-2027') };
}

function coverage(
  view: PaceSetterView,
  ids: string[],
  weeks: Record<number, CoverageStatus>,
  extra: Record<number, { note?: string; catchUp?: string }> = {},
) {
  const doc = new Y.Doc();
  const calendar = schoolCalendar(view.terms);
  for (const [week, status] of Object.entries(weeks)) {
    const w = Number(week);
    const r = setCoverage(
      doc,
      view,
      {
        entryId: ids[w - 1]!,
        status,
        ...(status === 'taught' ? { completedOn: findWeek(calendar, 1, w)!.last } : {}),
        ...extra[w],
      },
      { name: 'Sipho Mahlangu', now: 1 },
      leader,
    );
    if (!r.ok) throw new Error(r.error);
  }
  return readCoverage(doc, view.id);
}

export function clusterSnapshot(role: 'leader' | 'teacher'): Snapshot {
  const { view, ids } = paceSetter();
  const v = view();
  const taught = (n: number) =>
    Object.fromEntries(Array.from({ length: n }, (_, i) => [i + 1, 'taught' as const]));
  return {
    docName: 'nkangala-ns/pacesetter/natural-sciences-8-2027',
    pacesetter: v,
    coverage: {
      kwaggafontein: coverage(v, ids, taught(5)),
      siyabuswa: coverage(
        v,
        ids,
        { ...taught(3), 4: 'partly-taught' },
        {
          4: {
            note: 'Two lessons lost to a district meeting',
            catchUp: 'Extra lesson on Saturday 27 February',
          },
        },
      ),
      vezubuhle: coverage(v, ids, taught(4)),
    },
    schools: SCHOOLS,
    me:
      role === 'leader'
        ? { role: 'leader', schoolId: 'kwaggafontein', name: 'Thandi Nkosi' }
        : { role: 'teacher', schoolId: 'kwaggafontein', name: 'Sipho Mahlangu' },
    today: TODAY,
    canEditPaceSetter: role === 'leader',
    canEditCoverageOf: role === 'leader' ? SCHOOLS.map((s) => s.id) : ['kwaggafontein'],
    expertise: [
      {
        memberId: 'm2',
        name: 'Lindiwe Masilela',
        school: 'Vezubuhle Primary',
        topics: ['photosynthesis', 'food chains'],
      },
    ],
    strings: DEFAULT_STRINGS,
  };
}
