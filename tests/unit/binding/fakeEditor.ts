// A document that behaves like VS Code's TextDocument as an extension sees it:
// - every change (the user's or ours) bumps the version by one and emits its change event
//   synchronously, entries sorted from the end of the document, each against the text before;
// - inserted line breaks are rewritten to the document's EOL (VS Code's text buffer does that);
// - our applyEdits resolves later (random microtask/macrotask delays) and is rejected, changing
//   nothing, when the version moved on since `expectedVersion`;
// - positions in the middle of a CRLF or of a surrogate pair are programming errors here (VS Code
//   would silently move them, which would hide binding bugs), so they throw.

import type {
  EditorChangeEvent,
  EditorContentChange,
  EditorDocument,
  EditorEdit,
  EditorPosition,
  EndOfLine,
} from '../../../core/binding/editorDocument';
import { ChunkedText } from './chunkedText';
import type { Random } from './random';

export interface FakeEditorOptions {
  readonly text?: string;
  readonly eol?: EndOfLine;
  readonly random: Random;
  /** VS Code always rewrites inserted line breaks; false simulates an editor that does not (LF documents only). */
  readonly normalizeEol?: boolean;
}

export class FakeEditor implements EditorDocument {
  private text: ChunkedText;
  private currentVersion = 1;
  private currentEol: EndOfLine;
  private lineStarts: number[] | undefined;
  private readonly listeners = new Set<(event: EditorChangeEvent) => void>();
  private readonly random: Random;
  private readonly normalizeEol: boolean;
  /** Called after one of our applies changed the text and emitted its event, before the promise resolves. */
  afterApply: (() => void) | undefined;
  /** Called when one of our applies is about to be checked against the version. */
  beforeApply: (() => void) | undefined;
  /**
   * Changes VS Code adds to an accepted batch of ours (TextModel's trim of a line the user left
   * blank after auto-indent), against the same text as our edits; they come out in one event.
   */
  cleanupWithOurs: ((edits: readonly EditorEdit[]) => EditorEdit[]) | undefined;
  readonly log = { applies: 0, rejected: 0, userEdits: 0 };

  constructor(options: FakeEditorOptions) {
    this.currentEol = options.eol ?? '\n';
    this.random = options.random;
    this.normalizeEol = options.normalizeEol ?? true;
    this.text = new ChunkedText((options.text ?? '').replace(/\r\n|\r|\n/g, this.currentEol));
  }

  get version(): number {
    return this.currentVersion;
  }

  get eol(): EndOfLine {
    return this.currentEol;
  }

  get lineCount(): number {
    return this.starts().length;
  }

  getText(): string {
    return this.text.toString();
  }

  get length(): number {
    return this.text.length;
  }

  offsetAt(position: EditorPosition): number {
    const starts = this.starts();
    const line = Math.min(Math.max(position.line, 0), starts.length - 1);
    const lineEnd = line + 1 < starts.length ? starts[line + 1]! - this.currentEol.length : this.text.length;
    return Math.min(starts[line]! + Math.max(position.character, 0), lineEnd);
  }

  positionAt(offset: number): EditorPosition {
    const starts = this.starts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low]! };
  }

  onDidChange(listener: (event: EditorChangeEvent) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The user edits (one cursor or several): applied and reported at once. */
  userEdit(edits: readonly EditorEdit[]): void {
    this.log.userEdits += 1;
    this.change(edits);
  }

  /** VS Code fires a change event without content when only the dirty state changes. */
  emitDirtyStateChange(): void {
    this.emit({ version: this.currentVersion, contentChanges: [] });
  }

  /** The user switches the document's line breaks (status bar): new version, no content changes. */
  setEol(eol: EndOfLine): void {
    this.currentEol = eol;
    this.text = new ChunkedText(this.text.toString().replace(/\r\n|\n/g, eol));
    this.lineStarts = undefined;
    this.currentVersion += 1;
    this.emit({ version: this.currentVersion, contentChanges: [] });
  }

  async applyEdits(edits: readonly EditorEdit[], expectedVersion: number): Promise<boolean> {
    this.log.applies += 1;
    await this.delay();
    this.beforeApply?.();
    if (this.currentVersion !== expectedVersion) {
      this.log.rejected += 1;
      return false;
    }
    const extra = this.cleanupWithOurs?.(edits) ?? [];
    this.change([...edits, ...extra].sort((a, b) => a.offset - b.offset));
    this.afterApply?.();
    await this.delay();
    return true;
  }

  private change(edits: readonly EditorEdit[]): void {
    this.validate(edits);
    const eol = this.currentEol;
    const rewrite = this.normalizeEol || eol === '\r\n';
    // Bottom to top, as VS Code's text buffer does; positions are taken before each change,
    // which for changes further up equals the original document.
    const contentChanges: EditorContentChange[] = [];
    const before = this.text.snapshot();
    for (let i = edits.length - 1; i >= 0; i--) {
      const edit = edits[i]!;
      const text = rewrite ? edit.text.replace(/\r\n|\r|\n/g, eol) : edit.text;
      const end = edit.offset + edit.deleteLength;
      let range: EditorContentChange['range'] | undefined;
      contentChanges.push({
        // Computed on first use (only CRLF documents need it), against the text before the event.
        get range() {
          range ??= { start: positionIn(before(), edit.offset), end: positionIn(before(), end) };
          return range;
        },
        rangeOffset: edit.offset,
        rangeLength: edit.deleteLength,
        text,
      });
      this.text.replace(edit.offset, edit.deleteLength, text);
      this.lineStarts = undefined;
    }
    this.currentVersion += 1;
    this.emit({ version: this.currentVersion, contentChanges });
  }

  private validate(edits: readonly EditorEdit[]): void {
    if (edits.length === 0) throw new Error('an empty edit changes nothing and must not be sent');
    let previousEnd = -1;
    for (const edit of edits) {
      const end = edit.offset + edit.deleteLength;
      if (edit.offset < 0 || edit.deleteLength < 0 || end > this.text.length) {
        throw new Error(`edit ${JSON.stringify(edit)} outside the document (length ${this.text.length})`);
      }
      if (edit.offset < previousEnd) throw new Error('edits overlap or are not sorted');
      if (edit.deleteLength === 0 && edit.text === '') throw new Error('a no-op edit');
      for (const at of [edit.offset, end]) {
        if (this.splitsPair(at)) throw new Error(`offset ${at} splits a CRLF or a surrogate pair`);
      }
      previousEnd = end;
    }
  }

  private splitsPair(at: number): boolean {
    if (at <= 0 || at >= this.text.length) return false;
    const before = this.text.charCodeAt(at - 1);
    const after = this.text.charCodeAt(at);
    // An LF document that kept a pasted CR (normalizeEol: false) may be cut between CR and LF.
    const crlf = this.currentEol === '\r\n' && before === 13 && after === 10;
    const surrogates = before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
    return crlf || surrogates;
  }

  private emit(event: EditorChangeEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  private starts(): number[] {
    if (this.lineStarts === undefined) {
      // VS Code's lines end at CRLF, CR or LF; documents here only ever hold their own EOL.
      const starts = [0];
      const re = /\r\n|\r|\n/g;
      const text = this.text.toString();
      for (let m = re.exec(text); m !== null; m = re.exec(text)) starts.push(m.index + m[0].length);
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  /** Somewhere between "a few microtasks" and "a few macrotasks" later. */
  private async delay(): Promise<void> {
    const hops = Math.floor(this.random() * 4);
    for (let i = 0; i < hops; i++) {
      if (this.random() < 0.5) await Promise.resolve();
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** The nearest offset at or before `at` where VS Code would allow a cursor. */
  validOffset(at: number): number {
    const clamped = Math.min(Math.max(at, 0), this.text.length);
    return this.splitsPair(clamped) ? clamped - 1 : clamped;
  }
}

/** Line and character of an offset, counting CRLF, CR and LF as line breaks as VS Code does. */
function positionIn(text: string, offset: number): EditorPosition {
  let line = 0;
  let lineStart = 0;
  const re = /\r\n|\r|\n/g;
  for (let m = re.exec(text); m !== null && m.index + m[0].length <= offset; m = re.exec(text)) {
    line += 1;
    lineStart = m.index + m[0].length;
  }
  return { line, character: offset - lineStart };
}
