import * as vscode from 'vscode';
import type {
  EditorDocument,
  EditorEdit,
  EditorPosition,
  EndOfLine,
} from '../../core/binding/editorDocument';

/** VS Code's TextDocument seen through the binding's EditorDocument interface. */
export class VscodeEditorDocument implements EditorDocument {
  constructor(readonly document: vscode.TextDocument) {}

  get version(): number {
    return this.document.version;
  }

  get eol(): EndOfLine {
    return this.document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.document.lineCount;
  }

  getText(): string {
    return this.document.getText();
  }

  offsetAt(position: EditorPosition): number {
    return this.document.offsetAt(new vscode.Position(position.line, position.character));
  }

  async applyEdits(edits: readonly EditorEdit[], expectedVersion: number): Promise<boolean> {
    if (this.document.isClosed || this.document.version !== expectedVersion) return false;
    const ranges = edits.map((e) => ({
      range: new vscode.Range(
        this.document.positionAt(e.offset),
        this.document.positionAt(e.offset + e.deleteLength),
      ),
      text: e.text,
    }));
    // A teacher can only type into a document an editor shows. There, TextEditor.edit is the
    // guarded path: the renderer compares the version and applies in one step, so a keystroke
    // that got there first makes it answer false and change nothing. workspace.applyEdit checks
    // the version too, but VS Code for the Web (1.91) checks before an await and applies after
    // it: an edit sent for version N landed at N + 2, after a keystroke, was taken for typing
    // and echoed (a colleague's character twice). Its version check is kept for documents no
    // editor shows, where no keystroke can race it.
    const editor = vscode.window.visibleTextEditors.find((e) => e.document === this.document);
    if (editor) {
      try {
        return await editor.edit(
          (builder) => {
            for (const r of ranges) builder.replace(r.range, r.text);
          },
          // Colleagues' edits are not steps of this teacher's undo (the binding's undo is hers only).
          { undoStopBefore: false, undoStopAfter: false },
        );
      } catch {
        // The editor closed meanwhile (edit refuses before sending anything): no keystroke can race.
        if (this.document.isClosed || this.document.version !== expectedVersion) return false;
      }
    }
    const edit = new vscode.WorkspaceEdit();
    for (const r of ranges) edit.replace(this.document.uri, r.range, r.text);
    return vscode.workspace.applyEdit(edit);
  }
}
