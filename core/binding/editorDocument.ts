// The editor side of the binding, modelled 1:1 on what VS Code gives an extension, so that
// the glue in extension/ is a thin adapter and the binding can be tested without VS Code.
//
//   EditorDocument.version / eol / lineCount / getText() / offsetAt()
//       = vscode.TextDocument.version / eol / lineCount / getText() / offsetAt()
//   EditorDocument.applyEdits(edits, expectedVersion)
//       = a vscode.WorkspaceEdit of `replace`s, guarded by the version, passed to
//         vscode.workspace.applyEdit (resolves false when the document moved meanwhile)
//   EditorChangeEvent = { version: e.document.version, contentChanges: e.contentChanges }
//       of vscode.workspace.onDidChangeTextDocument

/** The document's line break. VS Code keeps a document's line breaks uniform. */
export type EndOfLine = '\n' | '\r\n';

export interface EditorPosition {
  readonly line: number;
  readonly character: number;
}

export interface EditorRange {
  readonly start: EditorPosition;
  readonly end: EditorPosition;
}

/**
 * One entry of vscode.TextDocumentContentChangeEvent.
 *
 * VS Code sorts the entries of one event from the end of the document to its start (the text
 * buffer applies them "from bottom to top") and they never overlap. So each `rangeOffset` and
 * `range` refers to the document before the event, and, equivalently, to the document after the
 * earlier entries of the same event were applied: the extension host itself replays them in
 * order. The binding replays them in order too. `text` already has the document's line breaks
 * (VS Code rewrites inserted line breaks to the document's EOL).
 */
export interface EditorContentChange {
  readonly range: EditorRange;
  readonly rangeOffset: number;
  readonly rangeLength: number;
  readonly text: string;
}

export interface EditorChangeEvent {
  /** The document's version after the change (vscode: `event.document.version`). */
  readonly version: number;
  /** Empty when only the dirty state changed (same version) or only the EOL changed (new version). */
  readonly contentChanges: readonly EditorContentChange[];
}

/** A replacement in editor coordinates (UTF-16 offsets into `getText()`, line breaks as the document has them). */
export interface EditorEdit {
  readonly offset: number;
  readonly deleteLength: number;
  readonly text: string;
}

export interface EditorDocument {
  /** Increases by one with every change event that has content changes. */
  readonly version: number;
  readonly eol: EndOfLine;
  readonly lineCount: number;
  getText(): string;
  offsetAt(position: EditorPosition): number;
  /**
   * Applies all `edits` at once, as one change with version `expectedVersion + 1`, and emits
   * its change event before resolving true. Edits are non-overlapping, sorted ascending and all
   * refer to the document at `expectedVersion` (WorkspaceEdit semantics). Resolves false, having
   * changed nothing, when the document is no longer at `expectedVersion` or cannot be edited.
   */
  applyEdits(edits: readonly EditorEdit[], expectedVersion: number): Promise<boolean>;
}
