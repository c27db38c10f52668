// Binds an editor document (VS Code's TextDocument, seen through EditorDocument) to a Y.Text.
//
// Changes that reach Y.Text not through the editor (a colleague's, undo/redo) are kept in
// `pending` (pendingChanges.ts); one serialised queue turns them into minimal editor edits at
// apply time, for the version they are sent for, and retries when the editor moved meanwhile.
// A user's edit goes to Y.Text at once, mapped through `pending`. Our own change events are told
// from the user's by the ledger (ledger.ts). When the binding starts, Y.Text wins: the editor is
// brought to Y.Text by minimal edits, so the glue must bind only once the Y.Doc has loaded.

import * as Y from 'yjs';
import { type BindingState, type BindingStats, emptyStats } from './bindingReport';
import { type Delta, replacementDelta, replacementsOf } from './delta';
import type {
  EditorChangeEvent,
  EditorContentChange,
  EditorDocument,
  EditorEdit,
  EndOfLine,
} from './editorDocument';
import { Emitter, Waiters } from './emitter';
import {
  changeToLf,
  type LfChange,
  lfToEditorOffset,
  strayCrRepair,
  toEditorText,
  toLfCoordinates,
  toYText,
} from './eol';
import { ApplyLedger, type Classification, type LedgerEntry } from './ledger';
import { minimalDelta } from './minimalEdits';
import { BindingOrigin } from './origin';
import { PendingChanges } from './pendingChanges';
import { applyToYText, fromYDelta } from './yTextDelta';

export interface TextBindingOptions {
  /** Keystrokes closer together than this (ms) undo as one step. Yjs's default, and close to how VS Code groups typing. */
  readonly captureTimeout?: number;
  /** Names the binding in its transaction origin (for logs). */
  readonly label?: string;
}

export type { BindingState, BindingStats } from './bindingReport';

type HeldClassification = Exclude<Classification, { kind: 'foreign' }>;

export class TextBinding {
  readonly origin: BindingOrigin;
  /** Tracks this binding's origin only. Bind Ctrl+Z / Ctrl+Y to undo() / redo(). */
  readonly undoManager: Y.UndoManager;
  readonly stats: BindingStats = emptyStats();

  private readonly doc: Y.Doc;
  private readonly ledger = new ApplyLedger();
  private readonly pending = new PendingChanges();
  /** An event that matched the edit in flight, and the events after it, until the editor answers. */
  private held:
    | { classification: HeldClassification; events: { event: EditorChangeEvent; eol: EndOfLine }[] }
    | undefined;
  /** The editor version whose change event was handled last. */
  private version: number;
  private scheduled = false;
  private running = false;
  private stalled = false;
  private disposed = false;
  private currentState: BindingState = 'settled';
  private readonly idleWaiters = new Waiters();
  /** For the apply queue when the editor confirmed an edit before reporting it (not VS Code's way). */
  private readonly eventWaiters = new Waiters();
  private readonly stateEmitter = new Emitter<BindingState>();
  private readonly appliedEmitter = new Emitter<number>();
  private readonly anomalyEmitter = new Emitter<string>();

  readonly onDidChangeState = this.stateEmitter.event;
  /** Fires with the number of replacements each time remote (or undo/redo) edits reach the editor. */
  readonly onDidApplyRemoteEdits = this.appliedEmitter.event;
  readonly onDidDetectAnomaly = this.anomalyEmitter.event;

  constructor(
    private readonly ytext: Y.Text,
    private readonly editor: EditorDocument,
    options: TextBindingOptions = {},
  ) {
    if (ytext.doc === null) throw new Error('bind a Y.Text that belongs to a Y.Doc');
    this.doc = ytext.doc;
    this.origin = new BindingOrigin(options.label ?? 'editor');
    this.undoManager = new Y.UndoManager(ytext, {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: options.captureTimeout ?? 500,
    });
    this.version = editor.version;
    this.pending.reset(this.resyncDelta());
    ytext.observe(this.onYTextChange);
    this.schedule();
  }

  get state(): BindingState {
    return this.currentState;
  }

  /** Call from vscode.workspace.onDidChangeTextDocument for this document. */
  handleEditorChange(event: EditorChangeEvent): void {
    if (this.disposed) return;
    // The EOL is read now: a held event is handled later, perhaps after the teacher switched it.
    if (this.held !== undefined) this.held.events.push({ event, eol: this.editor.eol });
    else this.handleChange(event, this.editor.eol);
  }

  private handleChange(event: EditorChangeEvent, eol: EndOfLine): void {
    if (event.contentChanges.length === 0) {
      // Dirty state (same version) or an EOL switch (new version, which our in-flight edit misses).
      if (event.version !== this.version) {
        this.takeBack(this.ledger.supersede());
        this.version = event.version;
        this.eventWaiters.releaseAll();
      }
      return;
    }
    if (event.version <= this.version) {
      // Versions only grow: this event was handled already (delivered twice by the glue).
      this.anomaly(`ignored a change event for version ${event.version}, already at ${this.version}`);
      return;
    }
    const classification = this.ledger.classify(event);
    if (classification.kind !== 'foreign') {
      // Looks like ours, but a teacher who typed exactly what we sent, where we sent it, just
      // before ours landed, looks the same (two people pressing Enter on one line): then the
      // editor refuses ours. Only its answer tells, so this event and any after it wait for it.
      if (classification.entry.accepted) this.handleOurs(classification, event, eol);
      else this.held = { classification, events: [{ event, eol }] };
      return;
    }
    this.takeBack(classification.superseded);
    if (event.version !== this.version + 1)
      this.anomaly(`version went from ${this.version} to ${event.version}`);
    this.version = event.version;
    this.applyUserChanges(event.contentChanges.map((change) => changeToLf(change, eol)));
  }

  /** The editor answered the apply of `entry`: the held event was ours if it accepted, else the teacher's. */
  private releaseHeld(entry: LedgerEntry, accepted: boolean): void {
    const held = this.held;
    if (held === undefined || held.classification.entry !== entry) return;
    this.held = undefined;
    const [first, ...later] = held.events;
    const { event, eol } = first!;
    if (accepted) {
      this.handleOurs(held.classification, event, eol);
    } else {
      // Refused: the ledger made our delta owed again; the event was the teacher's.
      this.stats.userEditsLikeOurs += 1;
      this.version = event.version;
      this.applyUserChanges(event.contentChanges.map((change) => changeToLf(change, eol)));
    }
    // Nothing is in flight now, so none of these can be held again.
    for (const next of later) this.handleChange(next.event, next.eol);
  }

  private handleOurs(ours: HeldClassification, event: EditorChangeEvent, eol: EndOfLine): void {
    this.version = event.version;
    if (ours.kind === 'oursWithExtras') {
      this.applyUserChanges(ours.extras.map((change) => this.pastOurEdits(ours.entry, change, eol)));
    } else {
      this.eventWaiters.releaseAll();
    }
  }

  /** The teacher's changes of one event (LF, each against the text after the previous) to Y.Text. */
  private applyUserChanges(changes: readonly LfChange[]): void {
    this.doc.transact(() => {
      for (const lf of changes) this.applyUserLf(lf);
    }, this.origin);
    this.eventWaiters.releaseAll();
    if (!this.pending.isEmpty) this.schedule();
  }

  /** Undoes the local user's last step only; the result reaches the editor through the apply queue. */
  undo(): boolean {
    return !this.disposed && this.undoManager.undo() !== null;
  }

  redo(): boolean {
    return !this.disposed && this.undoManager.redo() !== null;
  }

  /** Starts a new undo step with the next edit (e.g. when the cursor jumps). */
  stopCapturing(): void {
    this.undoManager.stopCapturing();
  }

  /** Resolves when nothing is queued or in flight: the editor shows Y.Text. */
  whenIdle(): Promise<void> {
    return this.isIdle() ? Promise.resolve() : this.idleWaiters.wait();
  }

  /** Tries again after a stall (e.g. the document became writable). */
  retry(): void {
    this.schedule();
  }

  /** O(document): the editor's text equals Y.Text. Meaningful when settled. */
  isInSync(): boolean {
    return toLfCoordinates(this.editor.getText(), this.editor.eol) === this.ytext.toString();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.held = undefined;
    this.ytext.unobserve(this.onYTextChange);
    this.undoManager.destroy();
    this.eventWaiters.releaseAll();
    this.idleWaiters.releaseAll();
    this.stateEmitter.clear();
    this.appliedEmitter.clear();
    this.anomalyEmitter.clear();
  }

  private readonly onYTextChange = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin || this.disposed) return;
    const { delta, hadEmbed } = fromYDelta(event.delta);
    if (hadEmbed) this.anomaly('Y.Text holds an embed; the editor shows U+FFFC for it');
    this.pending.addYTextChange(delta);
    this.stats.remoteChanges += 1;
    this.schedule();
  };

  /** A change VS Code made beside our edits in one batch, in LF coordinates of the text after it. */
  private pastOurEdits(entry: LedgerEntry, change: EditorContentChange, eol: EndOfLine): LfChange {
    const lf = changeToLf(change, eol);
    let shift = 0;
    for (const r of replacementsOf(entry.sent)) {
      if (r.offset + r.deleteLength <= lf.offset) shift += r.text.length - r.deleteLength;
    }
    return { ...lf, offset: lf.offset + shift };
  }

  private applyUserLf(lf: LfChange): void {
    const forY = toYText(lf.text);
    const user = replacementDelta(lf.offset, lf.deleteLength, forY);
    this.stats.localChanges += 1;
    if (!this.pending.isEmpty) this.stats.localChangesWhilePending += 1;
    applyToYText(this.ytext, this.pending.mapUserChange(user));
    if (forY !== lf.text) {
      this.anomaly('an inserted text had line breaks other than the document EOL');
      this.pending.fixEditorFirst(strayCrRepair(lf.offset, lf.text));
    }
  }

  /** A superseded apply did not happen: its delta is owed to the editor again. */
  private takeBack(entry: LedgerEntry | undefined): void {
    if (entry !== undefined) this.pending.giveBack(entry.sent);
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.disposed) return;
    if (this.pending.isEmpty) return;
    this.scheduled = true;
    this.setState('applying');
    // A microtask later, so that updates arriving in one burst go out as one apply.
    void Promise.resolve().then(() => {
      this.scheduled = false;
      return this.run();
    });
  }

  private async run(): Promise<void> {
    this.running = true;
    this.stalled = false;
    try {
      while (!this.disposed && !this.pending.isEmpty) {
        if (this.editor.version !== this.version) {
          this.anomaly(`editor at version ${this.editor.version} but events reached ${this.version}`);
          this.version = this.editor.version;
          this.pending.reset(this.resyncDelta());
          continue;
        }
        const edits = this.toEditorEdits(this.pending.current);
        // Optimistic: from now on Y.Text changes compose onto the text we asked for.
        const entry = this.ledger.record(this.version, this.pending.takeAll(), edits);
        const accepted = await this.applyEdits(entry);
        if (accepted && entry.status === 'superseded')
          this.anomaly(`an edit sent for version ${entry.version} was applied after another change`);
        const outcome = this.ledger.settle(entry, accepted);
        if (outcome === 'takeBack') this.takeBack(entry);
        this.releaseHeld(entry, accepted);
        if (outcome === 'awaitEvent') {
          this.anomaly('applyEdits resolved before its change event');
          await this.eventWaiters.wait();
        }
        if (entry.status === 'applied') {
          this.stats.appliedBatches += 1;
          this.stats.appliedEdits += entry.edits.length;
          this.appliedEmitter.fire(entry.edits.length);
        } else {
          this.stats.rejectedApplies += 1;
          // Refused without any change in between: retrying now would spin. Wait for a trigger.
          if (this.version === entry.version && this.editor.version === entry.version) {
            this.stalled = true;
            break;
          }
        }
      }
    } finally {
      this.running = false;
      if (!this.disposed) {
        this.setState(this.stalled ? 'stalled' : this.pending.isEmpty ? 'settled' : 'applying');
        if (this.isIdle()) this.idleWaiters.releaseAll();
      }
    }
  }

  private async applyEdits(entry: LedgerEntry): Promise<boolean> {
    try {
      return await this.editor.applyEdits(entry.edits, entry.version);
    } catch (error) {
      this.anomaly(`applyEdits threw: ${String(error)}`);
      return false;
    }
  }

  private toEditorEdits(delta: Delta): EditorEdit[] {
    const eol = this.editor.eol;
    return replacementsOf(delta).map((r) => {
      const offset = lfToEditorOffset(this.editor, r.offset);
      const end = r.deleteLength === 0 ? offset : lfToEditorOffset(this.editor, r.offset + r.deleteLength);
      return { offset, deleteLength: end - offset, text: toEditorText(r.text, eol) };
    });
  }

  /** The editor's text to Y.Text, from scratch: O(document), only at start and after an anomaly. */
  private resyncDelta(): Delta {
    return minimalDelta(toLfCoordinates(this.editor.getText(), this.editor.eol), this.ytext.toString());
  }

  private isIdle(): boolean {
    return this.disposed || (!this.scheduled && !this.running && this.pending.isEmpty);
  }

  private setState(state: BindingState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private anomaly(message: string): void {
    this.stats.anomalies += 1;
    this.anomalyEmitter.fire(message);
  }
}
