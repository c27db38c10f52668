import * as Y from 'yjs';
import { type CsvError, parsePaceSetterCsv } from './csv';
import { writeEntryFields } from './edits';
import { newId } from './ids';
import { entriesArray, readTerms } from './model';
import type { PaceSetterOrigin } from './origin';
import type { EntryFields } from './types';

// Importing a CSV file into a pace-setter, all or nothing, in one transaction.
//
// - `replace`: the file becomes the pace-setter's entries. Rows whose id is an entry of this
//   pace-setter (a file exported, edited in a spreadsheet and imported back) update that entry,
//   so coverage and lesson plans stay linked; other rows become new entries; entries not in the
//   file are removed.
// - `merge`: the same, but nothing is removed: the way to add another term's rows.
// An id the pace-setter does not have is not taken over: ids are never reused, and a removed
// entry's coverage must not attach itself to a new row. Such rows get a new id.

export type ImportMode = 'replace' | 'merge';

export type ImportOutcome =
  | { readonly ok: true; readonly added: number; readonly updated: number; readonly removed: number }
  | { readonly ok: false; readonly errors: readonly CsvError[] };

export function importPaceSetterCsv(
  doc: Y.Doc,
  text: string,
  mode: ImportMode,
  origin: PaceSetterOrigin,
): ImportOutcome {
  const parsed = parsePaceSetterCsv(text, { terms: readTerms(doc) });
  if (!parsed.ok) return parsed;
  let added = 0;
  let updated = 0;
  let removed = 0;
  doc.transact(() => {
    const entries = entriesArray(doc);
    const byId = new Map<string, Y.Map<unknown>>();
    for (const m of entries.toArray()) {
      const id = m instanceof Y.Map ? m.get('id') : undefined;
      if (typeof id === 'string' && !byId.has(id)) byId.set(id, m);
    }
    const kept = new Set<string>();
    const fresh: EntryFields[] = [];
    for (const { id, row: _row, ...fields } of parsed.entries) {
      const existing = id !== undefined ? byId.get(id) : undefined;
      if (existing && id !== undefined && !kept.has(id)) {
        // A field the file leaves out (no formal task) is cleared, so the entry matches the file.
        writeEntryFields(existing, { ...fields, formal: fields.formal ?? null });
        kept.add(id);
        updated++;
      } else {
        fresh.push(fields);
        added++;
      }
    }
    if (mode === 'replace') {
      for (let i = entries.length - 1; i >= 0; i--) {
        const m = entries.get(i);
        const id = m instanceof Y.Map ? m.get('id') : undefined;
        if (typeof id !== 'string' || !kept.has(id)) {
          entries.delete(i, 1);
          removed++;
        }
      }
    }
    // Integrated first, then filled: reading a map that is not in a document yet is not allowed.
    const maps = fresh.map(() => new Y.Map<unknown>());
    entries.push(maps);
    maps.forEach((m, i) => {
      m.set('id', newId('e'));
      writeEntryFields(m, fresh[i]!);
    });
  }, origin);
  return { ok: true, added, updated, removed };
}
