import type { IsoDate } from './isoDate';
import type { NewTerm, NonTeachingRange } from './termEdits';
import type { EntryPatch, NewEntry } from './types';

// Every change a leader can ask of a pace-setter, as data: the webview sends these (its protocol
// adds a request id) and the extension applies them with one call (applyEdit.ts). One union for
// both sides means a new kind of edit cannot be added to one and forgotten on the other.

export type PaceSetterEdit =
  | { readonly type: 'addTerm'; readonly term: NewTerm }
  | { readonly type: 'setTermDates'; readonly termId: string; readonly start: IsoDate; readonly end: IsoDate }
  | { readonly type: 'removeTerm'; readonly termId: string }
  | { readonly type: 'addNonTeachingDays'; readonly termId: string; readonly range: NonTeachingRange }
  | { readonly type: 'removeNonTeachingDays'; readonly termId: string; readonly dates: readonly IsoDate[] }
  | { readonly type: 'addWeek'; readonly term: number; readonly topic: string }
  | { readonly type: 'addEntry'; readonly entry: NewEntry }
  | { readonly type: 'updateEntry'; readonly entryId: string; readonly patch: EntryPatch }
  | { readonly type: 'removeEntry'; readonly entryId: string };

export const PACESETTER_EDIT_TYPES: ReadonlySet<PaceSetterEdit['type']> = new Set([
  'addTerm',
  'setTermDates',
  'removeTerm',
  'addNonTeachingDays',
  'removeNonTeachingDays',
  'addWeek',
  'addEntry',
  'updateEntry',
  'removeEntry',
]);

/** No Yjs here: the webview bundle imports this file. */
export function isPaceSetterEdit(message: { readonly type: string }): message is PaceSetterEdit {
  return (PACESETTER_EDIT_TYPES as ReadonlySet<string>).has(message.type);
}
