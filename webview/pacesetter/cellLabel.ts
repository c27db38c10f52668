import type { EntryView } from '../../core/pacesetter/types';
import type { Ctx } from './context';
import { format } from './strings';

// How an editor cell is read out: field, week, topic and value, with a hint that Enter edits it.

/** The hidden "Press Enter to edit" that editable cells point at with aria-describedby. */
export const EDIT_HINT_ID = 'cl-edit-hint';

export function cellLabel(ctx: Ctx, entry: EntryView, label: string, value: string): string {
  return format(ctx.s.cellLabel, label, entry.week, entry.topic, value.trim() === '' ? ctx.s.empty : value);
}
