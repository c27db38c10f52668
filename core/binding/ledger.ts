// The ledger of edits the binding has asked the editor to apply and not yet accounted for.
//
// A boolean "applying" flag cannot tell our change event from a keystroke that lands while
// our apply is in flight; the keystroke would be taken for ours and never reach Y.Text (a
// lost character), or ours would be taken for the user's and be sent back (an echo, and a
// duplicate). The ledger records what we asked for and at which version, and recognises our
// edits in the first change event after that version, by content.
//
// What VS Code does with an applied WorkspaceEdit, and so what "by content" must allow:
// - It applies the edits as one batch (version + 1) or refuses them, changing nothing, when the
//   model's version is not the one the extension host knew: every apply is guarded, so our
//   edits can only ever be the first change after the version they were sent for.
// - The batch's changes are reported sorted from the end of the document, each against the
//   document before the batch.
// - TextModel.pushEditOperations may add replacements of its own to our batch
//   (trimAutoWhitespace removes the indentation of a line the teacher left blank), and a model
//   whose event emitter is deferred merges later batches into the same event. So our edits
//   are looked for among the event's changes, not as all of them; every other change is the
//   user's (or VS Code's on the user's behalf) and must reach Y.Text.
// - The answer of applyEdit is not proof either way: an event may show that an apply answered
//   false or with an error did land. A refused entry therefore stays in the ledger, undecided,
//   until the next change event after its version decides; a later apply for the same version
//   carries the refused one's changes too (it is sent on top of them), and at most one of them
//   can land, since all are guarded by that one version.

import { compose, type Delta, IDENTITY } from './delta';
import type { EditorChangeEvent, EditorContentChange, EditorEdit } from './editorDocument';

/**
 * inFlight: sent, no answer yet (or answered true, its event not seen yet).
 * refused: answered false or an error; no event has decided whether it landed.
 * applied / superseded: an event decided that it landed / did not.
 */
export type EntryStatus = 'inFlight' | 'refused' | 'applied' | 'superseded';

export interface LedgerEntry {
  /** The document version the edits were computed against. */
  readonly version: number;
  /** Everything this apply brings the editor, from the text at `version` (LF coordinates). */
  readonly sent: Delta;
  /**
   * What this apply took from the pending changes: `sent` is the previous undecided entry's
   * `sent` followed by `taken` (or just `taken`).
   */
  readonly taken: Delta;
  readonly edits: readonly EditorEdit[];
  status: EntryStatus;
}

/** How one change event relates to what the ledger holds. */
export interface Decision {
  /** The entry the event shows landed, if any. */
  readonly applied: LedgerEntry | undefined;
  /** For each of the event's content changes: one of our edits (true), or the user's (false). */
  readonly ours: readonly boolean[];
  /**
   * What the editor still lacks of the decided entries, to put back in front of the pending
   * changes: nothing when the last one landed, everything sent when none did.
   */
  readonly owedAgain: Delta;
}

function sameChange(edit: EditorEdit, change: EditorContentChange): boolean {
  return (
    edit.offset === change.rangeOffset &&
    edit.deleteLength === change.rangeLength &&
    edit.text === change.text
  );
}

/**
 * Finds `edits` (sorted ascending, all against the text before) among the event's changes, or
 * returns undefined. Our batch's changes come first and from the end of the document to its
 * start; a change of VS Code's own may sit among them. A change that starts at or after the end
 * of the previous one cannot belong to the same batch, so the search ends there.
 */
function findOurs(
  edits: readonly EditorEdit[],
  changes: readonly EditorContentChange[],
): boolean[] | undefined {
  const ours = changes.map(() => false);
  let next = edits.length - 1;
  let previousStart = Number.POSITIVE_INFINITY;
  for (let i = 0; i < changes.length && next >= 0; i++) {
    const change = changes[i]!;
    if (change.rangeOffset + change.rangeLength > previousStart) return undefined;
    previousStart = change.rangeOffset;
    const edit = edits[next]!;
    if (sameChange(edit, change)) {
      ours[i] = true;
      next -= 1;
    } else if (change.rangeOffset < edit.offset + edit.deleteLength) {
      // Below (or into) the next edit of ours while that one was not reported: not our batch.
      return undefined;
    }
  }
  return next < 0 ? ours : undefined;
}

const MAX_UNDECIDED = 16;

export class ApplyLedger {
  /** Undecided entries, oldest first, all sent for one version; the last may be in flight. */
  private chain: LedgerEntry[] = [];

  get inFlight(): LedgerEntry | undefined {
    const last = this.chain[this.chain.length - 1];
    return last?.status === 'inFlight' ? last : undefined;
  }

  /** Entries the editor answered "no" to that no event has decided yet. */
  get hasRefused(): boolean {
    return this.chain.some((entry) => entry.status === 'refused');
  }

  get isEmpty(): boolean {
    return this.chain.length === 0;
  }

  /** What a new apply for `version` must carry before the pending changes: what may not have landed. */
  undecided(version: number): Delta {
    const last = this.chain[this.chain.length - 1];
    if (last === undefined) return IDENTITY;
    if (last.version !== version) throw new Error('an event must decide the ledger before the version moves');
    return last.sent;
  }

  record(version: number, taken: Delta, edits: readonly EditorEdit[]): LedgerEntry {
    if (this.inFlight !== undefined) throw new Error('the apply queue must be serialised');
    const sent = compose(this.undecided(version), taken);
    const entry: LedgerEntry = { version, sent, taken, edits, status: 'inFlight' };
    this.chain.push(entry);
    // An editor that keeps refusing (read-only) would grow the chain with every retry. An old
    // refusal that still lands after this many newer ones is not recognised as ours any more
    // (it would reach Y.Text as the user's); every newer entry carries its changes anyway.
    if (this.chain.length > MAX_UNDECIDED) this.chain.shift();
    return entry;
  }

  /**
   * Decides every entry with a change event that has content and a newer version: the newest
   * entry found in it landed (at most one can have), all others did not.
   */
  decide(event: EditorChangeEvent): Decision {
    const chain = this.chain;
    this.chain = [];
    let index = -1;
    let ours: boolean[] | undefined;
    for (let i = chain.length - 1; i >= 0 && ours === undefined; i--) {
      if (event.version <= chain[i]!.version) continue;
      ours = findOurs(chain[i]!.edits, event.contentChanges);
      if (ours !== undefined) index = i;
    }
    let owedAgain = IDENTITY;
    // Entries after the one that landed were sent on top of it: only what they took is owed.
    for (let i = index + 1; i < chain.length; i++) owedAgain = compose(owedAgain, chain[i]!.taken);
    if (index < 0) owedAgain = chain[chain.length - 1]?.sent ?? IDENTITY;
    chain.forEach((entry, i) => {
      entry.status = i === index ? 'applied' : 'superseded';
    });
    return {
      applied: index >= 0 ? chain[index] : undefined,
      ours: ours ?? event.contentChanges.map(() => false),
      owedAgain,
    };
  }

  /** A version-only change (EOL switch) came first: nothing undecided landed. */
  supersede(): Delta {
    const last = this.chain[this.chain.length - 1];
    for (const entry of this.chain) entry.status = 'superseded';
    this.chain = [];
    return last?.sent ?? IDENTITY;
  }

  /** The binding starts over from both texts (after an anomaly): forget everything. */
  clear(): void {
    for (const entry of this.chain) entry.status = 'superseded';
    this.chain = [];
  }

  /**
   * Settles the entry with the editor's answer. A "yes" whose event has not arrived is waited
   * for (the next edit needs the text it made); a "no" leaves the entry undecided.
   */
  settle(entry: LedgerEntry, accepted: boolean): 'done' | 'awaitEvent' | 'refused' {
    if (entry.status !== 'inFlight') return 'done';
    if (accepted) return 'awaitEvent';
    entry.status = 'refused';
    return 'refused';
  }
}
