import * as Y from 'yjs';
import { compareDates, type IsoDate, isIsoDate } from './isoDate';
import type { PaceSetterOrigin } from './origin';
import {
  type CoverageRecord,
  type CoverageStatus,
  type CoverageView,
  type EditResult,
  isCoverageStatus,
  type PaceSetterView,
} from './types';
import { type Problem, problem, refused } from './problems';
import { LIMITS } from './validate';

// A school's coverage document: what it actually taught. One document per school (that is what
// the server's permissions follow), holding every pace-setter's entries under
// `<pacesetterId>#<entryId>`. Each record is a Y.Map of scalar fields, so a teacher adding a
// catch-up plan and a colleague correcting the date at the same time both keep their change.

export const COVERAGE = 'coverage';

export function coverageKey(pacesetterId: string, entryId: string): string {
  return `${pacesetterId}#${entryId}`;
}

export function coverageMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap<Y.Map<unknown>>(COVERAGE);
}

function readRecord(v: unknown): CoverageRecord | undefined {
  const f = v instanceof Y.Map ? (v.toJSON() as Record<string, unknown>) : undefined;
  if (!f || !isCoverageStatus(f.status)) return undefined;
  const opt = (k: string) => (typeof f[k] === 'string' && f[k] !== '' ? { [k]: f[k] as string } : {});
  return {
    status: f.status,
    ...(isIsoDate(f.completedOn) ? { completedOn: f.completedOn } : {}),
    ...opt('note'),
    ...opt('catchUp'),
    updatedBy: typeof f.updatedBy === 'string' ? f.updatedBy : '',
    updatedAt: typeof f.updatedAt === 'number' ? f.updatedAt : 0,
  };
}

/** One school's records for one pace-setter, by entry id. */
export function readCoverage(doc: Y.Doc, pacesetterId: string): CoverageView {
  const prefix = `${pacesetterId}#`;
  const view: Record<string, CoverageRecord> = {};
  coverageMap(doc).forEach((value, key) => {
    if (!key.startsWith(prefix)) return;
    const record = readRecord(value);
    if (record) view[key.slice(prefix.length)] = record;
  });
  return view;
}

/** What a teacher sets. `null` clears a field; a missing field stays as it is. */
export interface CoverageInput {
  readonly entryId: string;
  readonly status: CoverageStatus;
  readonly completedOn?: IsoDate | null;
  readonly note?: string | null;
  readonly catchUp?: string | null;
}

/** Who is writing, and when: the name shown beside the record, the clock, and the teacher's today. */
export interface CoverageAuthor {
  readonly name: string;
  readonly now: number;
  readonly today?: IsoDate;
}

function problemOf(
  pacesetter: PaceSetterView,
  input: CoverageInput,
  today: IsoDate | undefined,
): Problem | undefined {
  if (!pacesetter.entries.some((e) => e.id === input.entryId)) return problem('entry-gone');
  if (!isCoverageStatus(input.status)) return problem('coverage-status');
  const date = input.completedOn;
  if (date !== undefined && date !== null) {
    if (!isIsoDate(date)) return problem('coverage-date-invalid');
    if (today && compareDates(date, today) > 0) return problem('coverage-date-future');
  }
  for (const text of [input.note, input.catchUp])
    if (typeof text === 'string' && text.length > LIMITS.maxText)
      return problem('note-too-long', { max: LIMITS.maxText });
  return undefined;
}

/**
 * Records a school's coverage of one entry. Back to "not started" clears the date taught, which
 * would otherwise claim a lesson that did not happen.
 */
export function setCoverage(
  doc: Y.Doc,
  pacesetter: PaceSetterView,
  input: CoverageInput,
  author: CoverageAuthor,
  origin: PaceSetterOrigin,
): EditResult {
  const found = problemOf(pacesetter, input, author.today);
  if (found) return refused(found);
  const key = coverageKey(pacesetter.id, input.entryId);
  doc.transact(() => {
    const map = coverageMap(doc);
    let record = map.get(key);
    if (!(record instanceof Y.Map)) {
      record = new Y.Map<unknown>();
      map.set(key, record);
    }
    const r = record;
    const put = (k: string, v: string | number | null | undefined) => {
      if (v === undefined) return;
      if (v === null || v === '') {
        if (r.has(k)) r.delete(k);
      } else if (r.get(k) !== v) r.set(k, v);
    };
    put('status', input.status);
    put('completedOn', input.status === 'not-started' ? null : input.completedOn);
    put('note', typeof input.note === 'string' ? input.note.trim() : input.note);
    put('catchUp', typeof input.catchUp === 'string' ? input.catchUp.trim() : input.catchUp);
    put('updatedBy', author.name);
    put('updatedAt', author.now);
  }, origin);
  return { ok: true, id: input.entryId };
}
