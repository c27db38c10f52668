import * as Y from 'yjs';
import type { PaceSetterMeta } from '../../core/pacesetter/types';

// How a cluster finds its pace-setters. The server lists plans but not pace-setters, so the
// cluster record (`<cluster>/meta`, which only the leader may write and everyone reads) holds a
// Y.Map `pacesetters`: pace-setter id → { subject, grade, year, title? }. Entries are plain
// values: a pace-setter's details change rarely, and its own document has the authoritative copy.
// No vscode import: scripts/demo.ts registers its pace-setter with this too.

export const PACESETTERS = 'pacesetters';

export interface RegisteredPaceSetter extends PaceSetterMeta {
  readonly id: string;
}

export function registryMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(PACESETTERS);
}

/** The listed pace-setters, newest year first, then by subject and grade. */
export function readRegistry(doc: Y.Doc): RegisteredPaceSetter[] {
  const list: RegisteredPaceSetter[] = [];
  registryMap(doc).forEach((value, id) => {
    const v = (value instanceof Y.Map ? value.toJSON() : value) as Record<string, unknown> | null;
    if (!v || typeof v !== 'object') return;
    const title = typeof v.title === 'string' && v.title.trim() ? { title: v.title.trim() } : {};
    list.push({
      id,
      subject: typeof v.subject === 'string' ? v.subject : '',
      grade: v.grade === undefined ? '' : String(v.grade),
      year: typeof v.year === 'number' ? v.year : 0,
      ...title,
    });
  });
  return list.sort(
    (a, b) =>
      b.year - a.year ||
      a.subject.localeCompare(b.subject) ||
      a.grade.localeCompare(b.grade, undefined, { numeric: true }),
  );
}

/** Lists (or updates the details of) a pace-setter in the cluster record. */
export function registerInCluster(doc: Y.Doc, id: string, meta: PaceSetterMeta, origin: unknown): void {
  const value = {
    subject: meta.subject,
    grade: meta.grade,
    year: meta.year,
    ...(meta.title ? { title: meta.title } : {}),
  };
  const map = registryMap(doc);
  if (JSON.stringify(map.get(id)) === JSON.stringify(value)) return;
  doc.transact(() => map.set(id, value), origin);
}
