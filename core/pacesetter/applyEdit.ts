import type * as Y from 'yjs';
import { addEntry, addWeek, removeEntry, updateEntry } from './edits';
import type { PaceSetterEdit } from './editTypes';
import type { PaceSetterOrigin } from './origin';
import { addNonTeachingDays, addTerm, removeNonTeachingDays, removeTerm, setTermDates } from './termEdits';
import type { EditResult } from './types';

// Applies the edits of editTypes.ts to a pace-setter document.

/** Applies one edit in one transaction with the origin; a refusal comes back as a problem (problems.ts). */
export function applyPaceSetterEdit(doc: Y.Doc, edit: PaceSetterEdit, origin: PaceSetterOrigin): EditResult {
  switch (edit.type) {
    case 'addTerm':
      return addTerm(doc, edit.term, origin);
    case 'setTermDates':
      return setTermDates(doc, edit.termId, { start: edit.start, end: edit.end }, origin);
    case 'removeTerm':
      return removeTerm(doc, edit.termId, origin);
    case 'addNonTeachingDays':
      return addNonTeachingDays(doc, edit.termId, edit.range, origin);
    case 'removeNonTeachingDays':
      return removeNonTeachingDays(doc, edit.termId, edit.dates, origin);
    case 'addWeek':
      return addWeek(doc, { term: edit.term, topic: edit.topic }, origin);
    case 'addEntry':
      return addEntry(doc, edit.entry, origin);
    case 'updateEntry':
      return updateEntry(doc, edit.entryId, edit.patch, origin);
    case 'removeEntry':
      return removeEntry(doc, edit.entryId, origin);
  }
}
