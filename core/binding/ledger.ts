// The ledger of edits the binding has asked the editor to apply and not yet accounted for.
//
// A boolean "applying" flag cannot tell our change event from a keystroke that lands while
// our apply is in flight; the keystroke would be taken for ours and never reach Y.Text (a
// lost character), or ours would be taken for the user's and be sent back (an echo, and a
// duplicate). The ledger records what we asked for and at which version, and recognises
// our event as the first change after the version it was sent for, with exactly its content:
// VS Code applies a guarded edit as one change (version + 1), or rejects it when any other
// change came first, and reports its replacements sorted from the end of the document, each
// against the document before the change. The guard must be atomic for this to hold: the glue
// uses TextEditor.edit wherever an editor shows the document (vscodeEditorDocument.ts).
// A keystroke identical to our edit, at its place, just before ours landed, matches as well;
// the editor then refuses ours, so the binding holds a matching event (and any after it) until
// the editor answers, and hands it to Y.Text as the teacher's on a refusal.
//
// The apply queue is serialised, so at most one entry is ever in flight; the ledger still
// decides by content and version, never by "something is in flight".

import type { Delta } from './delta';
import type { EditorChangeEvent, EditorContentChange, EditorEdit } from './editorDocument';

export type EntryStatus = 'inFlight' | 'applied' | 'superseded';

export interface LedgerEntry {
  /** The document version the edits were computed against. */
  readonly version: number;
  /** The pending delta that was sent (LF coordinates). */
  readonly sent: Delta;
  readonly edits: readonly EditorEdit[];
  status: EntryStatus;
  /** The editor answered that it applied the edits (its change event may still be coming). */
  accepted: boolean;
}

export type Classification =
  | { readonly kind: 'ours'; readonly entry: LedgerEntry }
  /**
   * Ours, with changes VS Code added to our batch (TextModel trims the indentation of a line the
   * teacher left blank when an edit lands near her cursor): those are hers and must reach Y.Text.
   * They are against the text before the batch, like ours, and never overlap ours.
   */
  | {
      readonly kind: 'oursWithExtras';
      readonly entry: LedgerEntry;
      readonly extras: readonly EditorContentChange[];
    }
  /** Not ours; `superseded` is the in-flight entry this event proves will be rejected. */
  | { readonly kind: 'foreign'; readonly superseded: LedgerEntry | undefined };

function sameEdits(edits: readonly EditorEdit[], event: EditorChangeEvent): boolean {
  if (edits.length !== event.contentChanges.length) return false;
  const reported = event.contentChanges
    .map((c) => ({ offset: c.rangeOffset, deleteLength: c.rangeLength, text: c.text }))
    .sort((x, y) => x.offset - y.offset);
  return edits.every((e, i) => {
    const r = reported[i]!;
    return e.offset === r.offset && e.deleteLength === r.deleteLength && e.text === r.text;
  });
}

/** The event's changes other than `edits`, if every one of `edits` is among them; else undefined. */
function extrasBeside(
  edits: readonly EditorEdit[],
  event: EditorChangeEvent,
): EditorContentChange[] | undefined {
  const extras = [...event.contentChanges];
  for (const e of edits) {
    const i = extras.findIndex(
      (c) => c.rangeOffset === e.offset && c.rangeLength === e.deleteLength && c.text === e.text,
    );
    if (i < 0) return undefined;
    extras.splice(i, 1);
  }
  // Only VS Code's own cleanup rides along with a batch: deletions that touch none of our edits.
  const clear = extras.every(
    (c) =>
      c.text === '' &&
      edits.every(
        (e) => c.rangeOffset + c.rangeLength < e.offset || e.offset + e.deleteLength < c.rangeOffset,
      ),
  );
  return clear && extras.length > 0 ? extras : undefined;
}

export class ApplyLedger {
  private entry: LedgerEntry | undefined;

  get inFlight(): LedgerEntry | undefined {
    return this.entry?.status === 'inFlight' ? this.entry : undefined;
  }

  record(version: number, sent: Delta, edits: readonly EditorEdit[]): LedgerEntry {
    if (this.inFlight !== undefined) throw new Error('the apply queue must be serialised');
    this.entry = { version, sent, edits, status: 'inFlight', accepted: false };
    return this.entry;
  }

  /**
   * Decides, for a change event with content, whether it is ours. Any other event that moves
   * the version past an in-flight entry means the editor will reject that entry.
   */
  classify(event: EditorChangeEvent): Classification {
    const entry = this.inFlight;
    if (entry === undefined) return { kind: 'foreign', superseded: undefined };
    // The first change after the version we sent for decides; VS Code makes ours exactly +1.
    if (event.version > entry.version && sameEdits(entry.edits, event)) {
      entry.status = 'applied';
      return { kind: 'ours', entry };
    }
    const extras = event.version === entry.version + 1 ? extrasBeside(entry.edits, event) : undefined;
    if (extras !== undefined) {
      entry.status = 'applied';
      return { kind: 'oursWithExtras', entry, extras };
    }
    entry.status = 'superseded';
    return { kind: 'foreign', superseded: entry };
  }

  /** A version-only change (EOL switch) also supersedes what is in flight. */
  supersede(): LedgerEntry | undefined {
    const entry = this.inFlight;
    if (entry !== undefined) entry.status = 'superseded';
    return entry;
  }

  /** Settles the entry with the editor's answer; returns whether its sent delta must be taken back. */
  settle(entry: LedgerEntry, accepted: boolean): 'done' | 'takeBack' | 'awaitEvent' {
    entry.accepted = accepted;
    if (entry.status === 'applied' && !accepted) {
      // The event that matched was the teacher's identical change (the binding held it).
      entry.status = 'superseded';
      return 'takeBack';
    }
    if (entry.status !== 'inFlight') return 'done';
    if (accepted) return 'awaitEvent';
    entry.status = 'superseded';
    return 'takeBack';
  }
}
