// Binds an editor document (VS Code's TextDocument, seen through EditorDocument) to a Y.Text.
//
// State: `pending`, the delta from the editor's text (LF coordinates) to Y.Text: what the
// editor still lacks. Remote changes (and undo/redo) compose their Y.Text event delta into it;
// one serialised queue turns it into minimal editor edits at apply time, against the version
// it is sent for. A user's edit goes to Y.Text at once, transformed through `pending`, because
// its offsets are relative to an editor text that does not show those changes yet; with
// nothing pending (the usual case) that is O(1). Our own change events are told from the
// user's by the ledger (ledger.ts). When the binding starts, Y.Text wins: the editor is
// brought to Y.Text by minimal edits, so the glue must bind only once the Y.Doc has loaded.

import * as Y from 'yjs';
import {
  compose,
  type Delta,
  IDENTITY,
  isIdentity,
  replacementDelta,
  replacementsOf,
  transform,
} from './delta';
import type { EditorChangeEvent, EditorContentChange, EditorDocument, EditorEdit } from './editorDocument';
import { Emitter } from './emitter';
import { changeToLf, lfToEditorOffset, strayCrRepair, toEditorText, toLfCoordinates, toYText } from './eol';
import { ApplyLedger, type LedgerEntry } from './ledger';
import { minimalDelta } from './minimalEdits';
import { BindingOrigin } from './origin';
import { applyToYText, fromYDelta } from './yTextDelta';

export interface TextBindingOptions {
  /** Keystrokes closer together than this (ms) undo as one step. Yjs's default, and close to how VS Code groups typing. */
  readonly captureTimeout?: number;
  /** Names the binding in its transaction origin (for logs). */
  readonly label?: string;
}

/** settled: the editor shows Y.Text; applying: edits are queued or in flight; stalled: the editor refused an edit without having changed (read-only, closed). */
export type BindingState = 'settled' | 'applying' | 'stalled';

export interface BindingStats {
  /** Content changes by the user written to Y.Text. */
  localChanges: number;
  /** Of those, the ones mapped through changes the editor did not show yet. */
  localChangesWhilePending: number;
  /** Y.Text changes by others (or by undo/redo) queued for the editor. */
  remoteChanges: number;
  /** applyEdits calls that the editor accepted, and the replacements in them. */
  appliedBatches: number;
  appliedEdits: number;
  /** applyEdits calls that resolved false (the document moved first); they are retried. */
  rejectedApplies: number;
  /** Things VS Code's contract rules out; each is reported through onDidDetectAnomaly. */
  anomalies: number;
}

export class TextBinding {
  readonly origin: BindingOrigin;
  /** Tracks this binding's origin only. Bind Ctrl+Z / Ctrl+Y to undo() / redo(). */
  readonly undoManager: Y.UndoManager;
  readonly stats: BindingStats = {
    localChanges: 0,
    localChangesWhilePending: 0,
    remoteChanges: 0,
    appliedBatches: 0,
    appliedEdits: 0,
    rejectedApplies: 0,
    anomalies: 0,
  };

  private readonly doc: Y.Doc;
  private readonly ledger = new ApplyLedger();
  private pending: Delta = IDENTITY;
  /** The editor version whose change event was handled last. */
  private version: number;
  private scheduled = false;
  private running = false;
  private stalled = false;
  private disposed = false;
  private currentState: BindingState = 'settled';
  private idleWaiters: (() => void)[] = [];
  private eventWaiters: (() => void)[] = [];
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
    this.pending = this.resyncDelta();
    ytext.observe(this.onYTextChange);
    this.schedule();
  }

  get state(): BindingState {
    return this.currentState;
  }

  /** Call from vscode.workspace.onDidChangeTextDocument for this document. */
  handleEditorChange(event: EditorChangeEvent): void {
    if (this.disposed) return;
    if (event.contentChanges.length === 0) {
      // Dirty state (same version) or an EOL switch (new version, which our in-flight edit misses).
      if (event.version !== this.version) {
        this.takeBack(this.ledger.supersede());
        this.version = event.version;
        this.wakeEventWaiters();
      }
      return;
    }
    if (event.version <= this.version) {
      // Versions only grow: this event was handled already (delivered twice by the glue).
      this.anomaly(`ignored a change event for version ${event.version}, already at ${this.version}`);
      return;
    }
    const classification = this.ledger.classify(event);
    if (classification.kind === 'ours') {
      this.version = event.version;
      this.wakeEventWaiters();
      return;
    }
    this.takeBack(classification.superseded);
    if (event.version !== this.version + 1)
      this.anomaly(`version went from ${this.version} to ${event.version}`);
    this.version = event.version;
    this.doc.transact(() => {
      for (const change of event.contentChanges) this.applyUserChange(change);
    }, this.origin);
    this.wakeEventWaiters();
    if (!isIdentity(this.pending)) this.schedule();
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
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
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
    this.ytext.unobserve(this.onYTextChange);
    this.undoManager.destroy();
    this.wakeEventWaiters();
    this.wakeIdleWaiters();
    this.stateEmitter.clear();
    this.appliedEmitter.clear();
    this.anomalyEmitter.clear();
  }

  private readonly onYTextChange = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin === this.origin || this.disposed) return;
    const { delta, hadEmbed } = fromYDelta(event.delta);
    if (hadEmbed) this.anomaly('Y.Text holds an embed; the editor shows U+FFFC for it');
    this.pending = compose(this.pending, delta);
    this.stats.remoteChanges += 1;
    this.schedule();
  };

  private applyUserChange(change: EditorContentChange): void {
    const lf = changeToLf(change, this.editor.eol);
    const forY = toYText(lf.text);
    const user = replacementDelta(lf.offset, lf.deleteLength, forY);
    this.stats.localChanges += 1;
    if (isIdentity(this.pending)) {
      applyToYText(this.ytext, user);
    } else {
      this.stats.localChangesWhilePending += 1;
      // Pending inserts go first at a shared position, on both sides, so both orders agree.
      applyToYText(this.ytext, transform(this.pending, user, true));
      this.pending = transform(user, this.pending, false);
    }
    if (forY !== lf.text) {
      this.anomaly('an inserted text had line breaks other than the document EOL');
      this.pending = compose(strayCrRepair(lf.offset, lf.text), this.pending);
    }
  }

  /** A superseded apply did not happen: its delta is owed to the editor again. */
  private takeBack(entry: LedgerEntry | undefined): void {
    if (entry !== undefined) this.pending = compose(entry.sent, this.pending);
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.disposed) return;
    if (isIdentity(this.pending)) return;
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
      while (!this.disposed && !isIdentity(this.pending)) {
        if (this.editor.version !== this.version) {
          this.anomaly(`editor at version ${this.editor.version} but events reached ${this.version}`);
          this.version = this.editor.version;
          this.pending = this.resyncDelta();
          continue;
        }
        const entry = this.ledger.record(this.version, this.pending, this.toEditorEdits(this.pending));
        // Optimistic: from now on Y.Text changes compose onto the text we asked for.
        this.pending = IDENTITY;
        const accepted = await this.applyEdits(entry);
        const outcome = this.ledger.settle(entry, accepted);
        if (outcome === 'takeBack') this.takeBack(entry);
        if (outcome === 'awaitEvent') {
          this.anomaly('applyEdits resolved before its change event');
          await new Promise<void>((resolve) => this.eventWaiters.push(resolve));
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
        this.setState(this.stalled ? 'stalled' : isIdentity(this.pending) ? 'settled' : 'applying');
        if (this.isIdle()) this.wakeIdleWaiters();
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
    return this.disposed || (!this.scheduled && !this.running && isIdentity(this.pending));
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

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  private wakeEventWaiters(): void {
    const waiters = this.eventWaiters;
    this.eventWaiters = [];
    for (const wake of waiters) wake();
  }
}
