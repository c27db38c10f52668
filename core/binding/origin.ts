// The origin of every Y.Text transaction the binding makes. Typed, and one instance per
// binding: the binding recognises (and skips) exactly its own transactions, and its
// Y.UndoManager tracks exactly these, so undo never touches a colleague's edits.
export class BindingOrigin {
  readonly kind = 'editorBinding' as const;

  constructor(readonly label: string) {}

  toString(): string {
    return `editorBinding(${this.label})`;
  }
}
