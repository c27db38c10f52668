// The origin of every transaction this module makes on a pace-setter or coverage document.
// Typed, one instance per editor: an observer recognises (and skips) its own writes, and an
// undo manager can track exactly one person's pace-setter edits.
export class PaceSetterOrigin {
  readonly kind = 'pacesetter' as const;

  constructor(readonly label: string) {}

  toString(): string {
    return `pacesetter(${this.label})`;
  }
}
