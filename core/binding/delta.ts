// A tiny plain-text delta algebra (the Quill/Yjs shape without attributes).
//
// The binding keeps, as a delta, "what the editor still lacks": the changes that Y.Text has
// and the editor does not yet show. Composing Y.Text's own event deltas into it and
// transforming the user's edits against it is exact and costs O(number of ops), where
// diffing the two texts would cost O(document) and could only guess how they align.

export interface RetainOp {
  readonly retain: number;
}
export interface InsertOp {
  readonly insert: string;
}
export interface DeleteOp {
  readonly delete: number;
}
export type Op = RetainOp | InsertOp | DeleteOp;
/** Normalised: no empty ops, neighbours of one kind merged, an insert before a delete, no trailing retain. */
export type Delta = readonly Op[];

export const IDENTITY: Delta = Object.freeze([]);

export function isIdentity(delta: Delta): boolean {
  return delta.length === 0;
}

function opLength(op: Op): number {
  if ('retain' in op) return op.retain;
  if ('delete' in op) return op.delete;
  return op.insert.length;
}

/** Builds normalised deltas; every function here returns one. */
export class DeltaBuilder {
  private readonly ops: Op[] = [];

  retain(n: number): this {
    if (n <= 0) return this;
    const last = this.ops[this.ops.length - 1];
    if (last !== undefined && 'retain' in last) this.ops[this.ops.length - 1] = { retain: last.retain + n };
    else this.ops.push({ retain: n });
    return this;
  }

  insert(text: string): this {
    if (text.length === 0) return this;
    const last = this.ops[this.ops.length - 1];
    if (last !== undefined && 'delete' in last) {
      // Canonical order at one position is insert-then-delete, so equal deltas look equal.
      const beforeLast = this.ops[this.ops.length - 2];
      if (beforeLast !== undefined && 'insert' in beforeLast) {
        this.ops[this.ops.length - 2] = { insert: beforeLast.insert + text };
      } else {
        this.ops.splice(this.ops.length - 1, 0, { insert: text });
      }
      return this;
    }
    if (last !== undefined && 'insert' in last)
      this.ops[this.ops.length - 1] = { insert: last.insert + text };
    else this.ops.push({ insert: text });
    return this;
  }

  delete(n: number): this {
    if (n <= 0) return this;
    const last = this.ops[this.ops.length - 1];
    if (last !== undefined && 'delete' in last) this.ops[this.ops.length - 1] = { delete: last.delete + n };
    else this.ops.push({ delete: n });
    return this;
  }

  push(op: Op): this {
    if ('retain' in op) return this.retain(op.retain);
    if ('delete' in op) return this.delete(op.delete);
    return this.insert(op.insert);
  }

  build(): Delta {
    const last = this.ops[this.ops.length - 1];
    if (last !== undefined && 'retain' in last) this.ops.pop();
    return this.ops;
  }
}

/** Walks a delta in pieces; past its end it behaves as an endless retain. */
class OpCursor {
  private index = 0;
  private offset = 0;

  constructor(private readonly ops: Delta) {}

  hasNext(): boolean {
    return this.index < this.ops.length;
  }

  peekKind(): 'retain' | 'insert' | 'delete' {
    const op = this.ops[this.index];
    if (op === undefined || 'retain' in op) return 'retain';
    return 'insert' in op ? 'insert' : 'delete';
  }

  peekLength(): number {
    const op = this.ops[this.index];
    return op === undefined ? Number.POSITIVE_INFINITY : opLength(op) - this.offset;
  }

  next(max = Number.POSITIVE_INFINITY): Op {
    const op = this.ops[this.index];
    if (op === undefined) return { retain: max };
    const length = Math.min(max, opLength(op) - this.offset);
    const start = this.offset;
    if (start + length === opLength(op)) {
      this.index += 1;
      this.offset = 0;
    } else {
      this.offset += length;
    }
    if ('retain' in op) return { retain: length };
    if ('delete' in op) return { delete: length };
    return { insert: op.insert.slice(start, start + length) };
  }
}

/** The delta that does `a` and then `b`. */
export function compose(a: Delta, b: Delta): Delta {
  if (isIdentity(a)) return b;
  if (isIdentity(b)) return a;
  const left = new OpCursor(a);
  const right = new OpCursor(b);
  const out = new DeltaBuilder();
  while (left.hasNext() || right.hasNext()) {
    if (right.peekKind() === 'insert') {
      out.push(right.next());
    } else if (left.peekKind() === 'delete') {
      out.push(left.next());
    } else {
      const length = Math.min(left.peekLength(), right.peekLength());
      const first = left.next(length);
      const second = right.next(length);
      if ('retain' in second) out.push(first);
      else if ('retain' in first) out.push(second);
      // else: `b` deletes what `a` inserted; both vanish.
    }
  }
  return out.build();
}

/**
 * Rewrites `b` so that it applies after `a` (both were made against the same text).
 * At one position, `a`'s insert goes first when `aFirst`; call with the opposite flag for
 * the other side so that both orders end in the same text. Text that one side inserted is
 * never deleted by the other side's transformed op: a delete only removes what its author saw.
 */
export function transform(a: Delta, b: Delta, aFirst: boolean): Delta {
  if (isIdentity(a) || isIdentity(b)) return b;
  const left = new OpCursor(a);
  const right = new OpCursor(b);
  const out = new DeltaBuilder();
  while (left.hasNext() || right.hasNext()) {
    if (left.peekKind() === 'insert' && (aFirst || right.peekKind() !== 'insert')) {
      out.retain(opLength(left.next()));
    } else if (right.peekKind() === 'insert') {
      out.push(right.next());
    } else {
      const length = Math.min(left.peekLength(), right.peekLength());
      const first = left.next(length);
      const second = right.next(length);
      if ('delete' in first) continue;
      out.push(second);
    }
  }
  return out.build();
}

/** One replace of `deleteLength` characters at `offset` by `text`. */
export interface Replacement {
  readonly offset: number;
  readonly deleteLength: number;
  readonly text: string;
}

export function replacementDelta(offset: number, deleteLength: number, text: string): Delta {
  return new DeltaBuilder().retain(offset).insert(text).delete(deleteLength).build();
}

/** The delta as non-overlapping replacements, ascending, with offsets in the input text. */
export function replacementsOf(delta: Delta): Replacement[] {
  const out: Replacement[] = [];
  let offset = 0;
  let current: { offset: number; deleteLength: number; text: string } | undefined;
  for (const op of delta) {
    if ('retain' in op) {
      if (current !== undefined) out.push(current);
      current = undefined;
      offset += op.retain;
      continue;
    }
    current ??= { offset, deleteLength: 0, text: '' };
    if ('insert' in op) current.text += op.insert;
    else {
      current.deleteLength += op.delete;
      offset += op.delete;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** Applies a delta to a string (tests and resynchronisation only: it is O(text)). */
export function applyDelta(text: string, delta: Delta): string {
  const parts: string[] = [];
  let index = 0;
  for (const op of delta) {
    if ('retain' in op) {
      if (index + op.retain > text.length) throw new RangeError('delta retains past the end of the text');
      parts.push(text.slice(index, index + op.retain));
      index += op.retain;
    } else if ('delete' in op) {
      if (index + op.delete > text.length) throw new RangeError('delta deletes past the end of the text');
      index += op.delete;
    } else {
      parts.push(op.insert);
    }
  }
  parts.push(text.slice(index));
  return parts.join('');
}
