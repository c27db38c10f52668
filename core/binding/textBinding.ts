// Binds an editor document (VS Code's TextDocument, seen through EditorDocument) to a Y.Text.
//
// Changes that reach Y.Text not through the editor (a colleague's, undo/redo) are kept in
// `pending` (pendingChanges.ts); one serialised queue turns them into minimal editor edits at
// apply time, for the version they are sent for, and retries when the editor moved meanwhile.
// A user's edit goes to Y.Text at once, mapped through `pending`. Our own change events are told
// from the user's by the ledger (ledger.ts), by content: VS Code may report our edit together
// with changes of its own or the user's, and may answer "no" to an edit that landed. When the
// binding starts, Y.Text wins: the editor is brought to Y.Text by minimal edits, so the glue
// must bind only once the Y.Doc has loaded. A safety net (verify()) compares both texts when
// things are quiet; a difference is repaired or shown as outOfSync, never left silent.

import * as Y from 'yjs';
import { type BindingState, type BindingStats, emptyStats } from './bindingReport';
import { compose, type Delta, isIdentity, replacementDelta, replacementsOf } from './delta';
import type { EditorChangeEvent, EditorDocument, EditorEdit } from './editorDocument';
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
import { ApplyLedger, type LedgerEntry } from './ledger';
import { minimalDelta } from './minimalEdits';
import { BindingOrigin } from './origin';
import { PendingChanges } from './pendingChanges';
import { applyToYText, fromYDelta } from './yTextDelta';

export interface TextBindingOptions {
  /** Keystrokes closer together than this (ms) undo as one step. Yjs's default, and close to how VS Code groups typing. */
  readonly captureTimeout?: number;
  /** Names the binding in its transaction origin (for logs). */
  readonly label?: string;
  /** The editor's text is checked against Y.Text once nothing happened for this long (ms); 0: not. */
  readonly verifyAfterQuietMs?: number;
  /** ...and at least this often while nothing is owed to the editor (ms); 0: not. */
  readonly verifyEveryMs?: number;
}

/** What verify() found. */
export type VerifyResult = 'inSync' | 'repaired' | 'outOfSync' | 'busy';

const DEFAULT_VERIFY_AFTER_QUIET_MS = 300;
const DEFAULT_VERIFY_EVERY_MS = 5_000;

export type { BindingState, BindingStats } from './bindingReport';

export class TextBinding {
  readonly origin: BindingOrigin;
  /** Tracks this binding's origin only. Bind Ctrl+Z / Ctrl+Y to undo() / redo(). */
  readonly undoManager: Y.UndoManager;
  readonly stats: BindingStats = emptyStats();

  private readonly doc: Y.Doc;
  private readonly ledger = new ApplyLedger();
  private readonly pending = new PendingChanges();
  /** The editor version whose change event was handled last. */
  private version: number;
  private scheduled = false;
  private running = false;
  private stalled = false;
  private disposed = false;
  private currentState: BindingState = 'settled';
  /**
   * The safety net (verify()). Since the editor's text last matched Y.Text: did a change of the
   * user's reach the editor, and did the binding miss or skip an event? Either means the editor
   * may hold something of the user's that a repair towards Y.Text would remove.
   */
  private userChangesSinceVerified = false;
  private blindSinceVerified = false;
  private outOfSync = false;
  private readonly verifyAfterQuietMs: number;
  private readonly verifyEveryMs: number;
  private quietTimer: ReturnType<typeof setTimeout> | undefined;
  private periodicTimer: ReturnType<typeof setTimeout> | undefined;
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
    this.verifyAfterQuietMs = options.verifyAfterQuietMs ?? DEFAULT_VERIFY_AFTER_QUIET_MS;
    this.verifyEveryMs = options.verifyEveryMs ?? DEFAULT_VERIFY_EVERY_MS;
    this.version = editor.version;
    this.pending.reset(this.resyncDelta());
    ytext.observe(this.onYTextChange);
    this.schedule();
    this.schedulePeriodicVerify();
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
        this.pending.giveBack(this.ledger.supersede());
        this.version = event.version;
        this.afterEvent();
      }
      return;
    }
    if (event.version <= this.version) {
      // Versions only grow: this event was handled already (delivered twice by the glue).
      this.blindSinceVerified = true;
      this.anomaly(`ignored a change event for version ${event.version}, already at ${this.version}`);
      return;
    }
    const decision = this.ledger.decide(event);
    // What the editor lacks of undecided applies goes back in front of what came since; after
    // that, `pending` is relative to the editor's text with our edits (if any landed) applied.
    this.pending.giveBack(decision.owedAgain);
    const userChanges = this.userChangesOf(event, decision.ours);
    if (decision.applied === undefined || userChanges.length > 0) {
      // Only a change of the user's (or one VS Code made for them) can make the version skip.
      if (event.version !== this.version + 1) {
        this.blindSinceVerified = true;
        this.anomaly(`version went from ${this.version} to ${event.version}`);
      }
    }
    this.version = event.version;
    if (userChanges.length > 0) {
      this.userChangesSinceVerified = true;
      this.doc.transact(() => {
        for (const change of userChanges) this.applyUserChange(change);
      }, this.origin);
    }
    this.afterEvent();
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

  /**
   * The safety net: when nothing is owed to the editor and every event is handled, the editor's
   * text must equal Y.Text; the binding calls this itself after each quiet period and every few
   * seconds. A mismatch is repaired by minimal edits towards Y.Text only when nothing but the
   * binding's own edits changed the editor since the texts last matched (so the difference
   * cannot hold a keystroke); otherwise the binding goes outOfSync. Never silent either way.
   */
  verify(): VerifyResult {
    if (this.disposed || !this.isIdle() || !this.ledger.isEmpty || this.editor.version !== this.version)
      return 'busy';
    this.stats.verifications += 1;
    // Lengths first: O(log lines) through offsetAt, no copy of either text.
    const eol = this.editor.eol;
    const lastLine = this.editor.lineCount - 1;
    const editorLength = this.editor.offsetAt({ line: lastLine, character: Number.MAX_SAFE_INTEGER });
    const lfLength = eol === '\r\n' ? editorLength - lastLine : editorLength;
    // Then the texts themselves: one linear comparison, exact where a hash of both would not be.
    if (lfLength === this.ytext.length && this.isInSync()) {
      this.userChangesSinceVerified = false;
      this.blindSinceVerified = false;
      if (this.outOfSync) {
        this.outOfSync = false;
        this.publishState();
      }
      return 'inSync';
    }
    this.stats.mismatches += 1;
    // Reported once when it starts; the state says it for as long as it lasts.
    if (this.outOfSync) return 'outOfSync';
    const found = `the editor (${lfLength} characters) differs from Y.Text (${this.ytext.length}) at version ${this.version}`;
    if (!this.userChangesSinceVerified && !this.blindSinceVerified) {
      // Since the texts last matched, only our own edits (made from Y.Text) changed the editor.
      this.stats.repairs += 1;
      this.anomaly(`${found}; only our own edits changed it since it matched, so it is repaired`);
      this.pending.reset(this.resyncDelta());
      this.schedule();
      return 'repaired';
    }
    this.anomaly(`${found}; it may hold the user's typing, so it is not overwritten`);
    this.outOfSync = true;
    this.publishState();
    return 'outOfSync';
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cancelVerify();
    clearTimeout(this.periodicTimer);
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

  /**
   * The event's changes that are not our edits, in LF coordinates, each against the editor's
   * text with our edits and the earlier changes of the list applied (the order to replay them).
   * A change reported before some of our edits lies above them (one batch runs from the end of
   * the document to its start), so it moves by what those edits below it inserted or deleted.
   */
  private userChangesOf(event: EditorChangeEvent, ours: readonly boolean[]): LfChange[] {
    const eol = this.editor.eol;
    const changes = event.contentChanges;
    const out: LfChange[] = [];
    let shiftBelow = 0;
    for (let i = changes.length - 1; i >= 0; i--) {
      const lf = changeToLf(changes[i]!, eol);
      if (ours[i] === true) shiftBelow += lf.text.length - lf.deleteLength;
      else out.push({ offset: lf.offset + shiftBelow, deleteLength: lf.deleteLength, text: lf.text });
    }
    return out.reverse();
  }

  private applyUserChange(lf: LfChange): void {
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

  /** After an event: apply what is owed, or say that the editor shows Y.Text again. */
  private afterEvent(): void {
    this.eventWaiters.releaseAll();
    if (this.owes()) {
      this.schedule();
    } else if (!this.running && !this.scheduled) {
      this.stalled = false;
      this.publishState();
      this.idleWaiters.releaseAll();
      this.scheduleVerify();
    }
  }

  /** Something is owed to the editor: pending changes, or applies that may not have landed. */
  private owes(): boolean {
    return !this.pending.isEmpty || this.ledger.hasRefused;
  }

  private schedule(): void {
    if (this.scheduled || this.running || this.disposed) return;
    if (!this.owes()) return;
    this.scheduled = true;
    this.stalled = false;
    this.cancelVerify();
    this.publishState();
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
      while (!this.disposed && this.owes()) {
        if (this.editor.version !== this.version) {
          // The glue missed events: whatever changed the editor is unknown, so nothing the
          // editor holds from now on can be vouched for (see verify()).
          this.blindSinceVerified = true;
          this.anomaly(`editor at version ${this.editor.version} but events reached ${this.version}`);
          this.version = this.editor.version;
          this.ledger.clear();
          this.pending.reset(this.resyncDelta());
          continue;
        }
        // An apply the editor refused may still land (its event decides): the new one is sent
        // on top of it, for the same version, so that at most one of them can land.
        const sent = compose(this.ledger.undecided(this.version), this.pending.current);
        if (isIdentity(sent)) {
          // What arrived since undid the refused apply: there is nothing to send until an event
          // says whether it landed.
          this.stalled = true;
          break;
        }
        const edits = this.toEditorEdits(sent);
        // Optimistic: from now on Y.Text changes compose onto the text we asked for.
        const entry = this.ledger.record(this.version, this.pending.takeAll(), edits);
        const accepted = await this.applyEdits(entry);
        const outcome = this.ledger.settle(entry, accepted);
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
          // Refused, and no event since: retrying now would spin. The next event (or a new
          // change, or retry()) decides; until then the refused apply stays undecided.
          if (entry.status === 'refused') {
            this.stalled = true;
            break;
          }
        }
      }
    } finally {
      this.running = false;
      if (!this.disposed) {
        this.publishState();
        if (this.isIdle()) {
          this.idleWaiters.releaseAll();
          this.scheduleVerify();
        }
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
    return this.disposed || (!this.scheduled && !this.running && !this.owes());
  }

  /** Checks once nothing happened for a while (each event or apply pushes the check back). */
  private scheduleVerify(): void {
    if (this.disposed || this.verifyAfterQuietMs <= 0) return;
    this.cancelVerify();
    this.quietTimer = setTimeout(() => {
      this.quietTimer = undefined;
      this.verify();
    }, this.verifyAfterQuietMs);
  }

  private cancelVerify(): void {
    if (this.quietTimer === undefined) return;
    clearTimeout(this.quietTimer);
    this.quietTimer = undefined;
  }

  /** While the teacher types without pause there is no quiet period: check every few seconds too. */
  private schedulePeriodicVerify(): void {
    if (this.disposed || this.verifyEveryMs <= 0) return;
    this.periodicTimer = setTimeout(() => {
      this.verify();
      this.schedulePeriodicVerify();
    }, this.verifyEveryMs);
  }

  private publishState(): void {
    const state: BindingState = this.outOfSync
      ? 'outOfSync'
      : this.stalled
        ? 'stalled'
        : this.scheduled || this.running || this.owes()
          ? 'applying'
          : 'settled';
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }

  private anomaly(message: string): void {
    this.stats.anomalies += 1;
    this.anomalyEmitter.fire(message);
  }
}
