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
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) {
      const start = this.document.positionAt(e.offset);
      const end = this.document.positionAt(e.offset + e.deleteLength);
      edit.replace(this.document.uri, new vscode.Range(start, end), e.text);
    }
    // The extension host sends the document version it knows with the edit; VS Code refuses the
    // edit (and resolves false) when the document moved on meanwhile, e.g. the teacher typed.
    return vscode.workspace.applyEdit(edit);
  }
}
