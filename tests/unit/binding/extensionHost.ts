// VS Code's two sides of one document, for the binding: the renderer (the main thread in VS Code
// for the Web) owns the text model, where the teacher types; the extension host, where the
// binding runs, only has a copy that the renderer's change events update, later.
//
// What this models, from VS Code's sources:
// - The renderer's TextModel changes at once on a keystroke and bumps its version; MainThreadDocuments
//   sends $acceptModelChanged right away, and the extension host's ExtHostDocumentData applies it
//   (text, then version) and fires onDidChangeTextDocument, all when that message is processed.
//   Until then the binding still sees the old text and version: a keystroke races with our edit.
// - workspace.applyEdit sends the edits with the version the extension host knows
//   (WorkspaceEdit.from takes it from ExtHostDocuments); BulkTextEdits refuses them, changing
//   nothing, when the model's version differs ("has changed in the meantime") and the promise
//   resolves false. Otherwise the model changes (one event, version + 1) and the reply follows
//   the event on the same channel: VS Code resolves applyEdit after its change event.
// - TextModel merges the content events of edits made while its emitter is deferred into one
//   event with the last version and all changes in order; pushEditOperations may add a change
//   of its own to our batch (trimAutoWhitespace trims a line the teacher left blank).
//
// And what VS Code's contract rules out but a robust binding survives (`hostile`): the reply
// overtaking the events before it, an edit that was applied reported as false or as an error.

import type {
  EditorChangeEvent,
  EditorDocument,
  EditorEdit,
  EditorPosition,
  EndOfLine,
} from '../../../core/binding/editorDocument';
import { FakeEditor } from './fakeEditor';
import type { Random, UniqueChars } from './random';

export interface RaceProfile {
  /** Chance that a content event is merged into the content event queued just before it. */
  readonly mergeEvents: number;
  /** Chance that the renderer adds a change of its own to our batch (not touching our edits). */
  readonly extraChangeInBatch: number;
  /** Chance that applyEdit's reply is delivered before the events queued ahead of it. */
  readonly replyOvertakes: number;
  /** Chance that an applied edit is answered false, and (separately) with an error. */
  readonly falseAfterApply: number;
  readonly throwAfterApply: number;
  /** Up to how many event-loop hops a message waits before it is processed. */
  readonly maxHops: number;
}

/** VS Code as documented and as its sources behave: delayed events, keystrokes racing with our edits. */
export const FAITHFUL: RaceProfile = {
  mergeEvents: 0,
  extraChangeInBatch: 0,
  replyOvertakes: 0,
  falseAfterApply: 0,
  throwAfterApply: 0,
  maxHops: 4,
};

/** VS Code's merges and additions, plus orders and answers its contract rules out. */
export const HOSTILE: RaceProfile = {
  mergeEvents: 0.3,
  extraChangeInBatch: 0.15,
  replyOvertakes: 0.3,
  falseAfterApply: 0.1,
  throwAfterApply: 0.05,
  maxHops: 4,
};

type Message =
  | { readonly kind: 'event'; event: EditorChangeEvent; eol: EndOfLine }
  | { readonly kind: 'reply'; readonly overtakes: boolean; readonly settle: () => void };

export class ExtensionHostDocument implements EditorDocument {
  /** The extension host's copy, the only text the binding sees. */
  readonly copy: FakeEditor;
  /** Renderer-to-extension-host messages, in the order sent. */
  private readonly channel: Message[] = [];
  private pumping = false;
  /** Runs right after one of our edits changed the renderer's model, before anything is sent back. */
  afterRendererApply: (() => void) | undefined;
  /** Characters the renderer added to our batches itself (a test's oracle must count them as typed). */
  readonly extraTyped: string[] = [];
  readonly log = {
    applies: 0,
    rejected: 0,
    merged: 0,
    extraChanges: 0,
    overtaken: 0,
    falseAfterApply: 0,
    thrownAfterApply: 0,
  };

  constructor(
    /** Where the teacher types: userEdit, setEol and emitDirtyStateChange go here. */
    readonly renderer: FakeEditor,
    private readonly random: Random,
    private readonly profile: RaceProfile,
    private readonly extraChars?: UniqueChars,
  ) {
    this.copy = new FakeEditor({ text: renderer.getText(), eol: renderer.eol, random });
    if (this.copy.version !== renderer.version) throw new Error('both sides start at one version');
    renderer.onDidChange((event) => this.send(event));
  }

  get version(): number {
    return this.copy.version;
  }

  get eol(): EndOfLine {
    return this.copy.eol;
  }

  get lineCount(): number {
    return this.copy.lineCount;
  }

  getText(): string {
    return this.copy.getText();
  }

  offsetAt(position: EditorPosition): number {
    return this.copy.offsetAt(position);
  }

  onDidChange(listener: (event: EditorChangeEvent) => void): { dispose(): void } {
    return this.copy.onDidChange(listener);
  }

  /** Nothing is on its way to the extension host any more. */
  get quiet(): boolean {
    return this.channel.length === 0 && !this.pumping;
  }

  applyEdits(edits: readonly EditorEdit[], expectedVersion: number): Promise<boolean> {
    this.log.applies += 1;
    // VscodeEditorDocument refuses at once when its own copy moved on.
    if (this.copy.version !== expectedVersion) return Promise.resolve(false);
    return new Promise<boolean>((resolve, reject) => {
      void this.hops().then(() => this.arrive(edits, expectedVersion, resolve, reject));
    });
  }

  /** The WorkspaceEdit reaches the renderer (BulkTextEdits). */
  private arrive(
    edits: readonly EditorEdit[],
    expectedVersion: number,
    resolve: (accepted: boolean) => void,
    reject: (error: Error) => void,
  ): void {
    if (this.renderer.version !== expectedVersion) {
      this.log.rejected += 1;
      this.reply(() => resolve(false));
      return;
    }
    this.renderer.applyBatch(this.withExtraChange(edits));
    this.afterRendererApply?.();
    if (this.chance(this.profile.falseAfterApply)) {
      this.log.falseAfterApply += 1;
      this.reply(() => resolve(false));
    } else if (this.chance(this.profile.throwAfterApply)) {
      this.log.thrownAfterApply += 1;
      this.reply(() => reject(new Error('applied, then failed')));
    } else {
      this.reply(() => resolve(true));
    }
  }

  /** Like trimAutoWhitespace: one more replacement in our batch, away from our edits. */
  private withExtraChange(edits: readonly EditorEdit[]): readonly EditorEdit[] {
    if (this.extraChars === undefined || !this.chance(this.profile.extraChangeInBatch)) return edits;
    const length = this.renderer.length;
    const at = this.renderer.validOffset(Math.floor(this.random() * (length + 1)));
    // VS Code would merge a change touching ours into it; pushEditOperations never adds such.
    if (edits.some((e) => at >= e.offset && at <= e.offset + e.deleteLength)) return edits;
    const text = this.extraChars.take(1 + Math.floor(this.random() * 2));
    this.extraTyped.push(text);
    this.log.extraChanges += 1;
    return [...edits, { offset: at, deleteLength: 0, text }].sort((a, b) => a.offset - b.offset);
  }

  private send(event: EditorChangeEvent): void {
    const eol = this.renderer.eol;
    // The last event still on its way; a reply after it stays after it (hostile: VS Code's
    // replies follow their event at once, so our event and a keystroke never merge there).
    let last: Message | undefined;
    for (let i = this.channel.length - 1; i >= 0 && last === undefined; i--)
      if (this.channel[i]!.kind === 'event') last = this.channel[i];
    if (
      last?.kind === 'event' &&
      last.eol === eol &&
      last.event.contentChanges.length > 0 &&
      event.contentChanges.length > 0 &&
      event.version > last.event.version &&
      this.chance(this.profile.mergeEvents)
    ) {
      // ModelContentChangedEvent.merge: the changes of both in order, the later version.
      this.log.merged += 1;
      last.event = {
        version: event.version,
        contentChanges: [...last.event.contentChanges, ...event.contentChanges],
      };
    } else {
      this.channel.push({ kind: 'event', event, eol });
    }
    this.pump();
  }

  private reply(settle: () => void): void {
    this.channel.push({ kind: 'reply', overtakes: this.chance(this.profile.replyOvertakes), settle });
    this.pump();
  }

  /** Processes the channel one message at a time, each after a few event-loop hops. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    void (async () => {
      try {
        while (this.channel.length > 0) {
          await this.hops();
          const overtaking = this.channel.findIndex((m) => m.kind === 'reply' && m.overtakes);
          const index = overtaking > 0 ? overtaking : 0;
          if (index > 0) this.log.overtaken += 1;
          const [message] = this.channel.splice(index, 1);
          if (message === undefined) break;
          if (message.kind === 'reply') message.settle();
          else this.copy.replay(message.event, message.eol);
        }
      } finally {
        this.pumping = false;
      }
    })();
  }

  /** Zero to `maxHops` microtask or macrotask hops: zero means two messages in one turn. */
  private async hops(): Promise<void> {
    const hops = Math.floor(this.random() * (this.profile.maxHops + 1));
    for (let i = 0; i < hops; i++) {
      if (this.random() < 0.5) await Promise.resolve();
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private chance(p: number): boolean {
    return p > 0 && this.random() < p;
  }
}
