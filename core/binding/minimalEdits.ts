// The smallest delta from one text to another, for the one moment the binding cannot
// know how two texts relate: when it starts (or must resynchronise) and the editor's text
// and Y.Text differ. Everything else flows through exact deltas (see delta.ts).
//
// Common prefix and suffix first (the usual difference is one small region), then Myers'
// O(ND) diff on code points of the middle, so that no edit ever splits a surrogate pair
// (VS Code would move such a position and report an edit different from ours). Above a
// cost bound the middle is replaced whole: still correct, just less minimal.

import { type Delta, DeltaBuilder } from './delta';

/** Upper bound on (length of the middle) x (edit distance) examined before giving up on minimality. */
const DEFAULT_WORK_LIMIT = 20_000_000;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  if (n > 0 && isHighSurrogate(a.charCodeAt(n - 1))) n--;
  return n;
}

function commonSuffix(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let n = 0;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  if (n > 0 && isLowSurrogate(a.charCodeAt(a.length - n))) n--;
  return n;
}

type Step = 'equal' | 'delete' | 'insert';

/** Myers' greedy forward search; `undefined` when the edit distance exceeds `maxD`. */
function myers(a: readonly string[], b: readonly string[], maxD: number): Step[] | undefined {
  const n = a.length;
  const m = b.length;
  // frontier[d][k + d] is the furthest x reached on diagonal k with d edits.
  const frontier: Int32Array[] = [];
  for (let d = 0; d <= maxD; d++) {
    const v = new Int32Array(2 * d + 1);
    const prev = frontier[d - 1];
    for (let k = -d; k <= d; k += 2) {
      let x = 0;
      if (prev !== undefined) {
        const down = k === -d || (k !== d && prev[k - 1 + d - 1]! < prev[k + 1 + d - 1]!);
        x = down ? prev[k + 1 + d - 1]! : prev[k - 1 + d - 1]! + 1;
      }
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[k + d] = x;
      if (x >= n && y >= m) {
        frontier.push(v);
        return backtrack(frontier, n, m);
      }
    }
    frontier.push(v);
  }
  return undefined;
}

function backtrack(frontier: readonly Int32Array[], n: number, m: number): Step[] {
  const reversed: Step[] = [];
  let x = n;
  let y = m;
  for (let d = frontier.length - 1; d > 0; d--) {
    const prev = frontier[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[k - 1 + d - 1]! < prev[k + 1 + d - 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[prevK + d - 1]!;
    const prevY = prevX - prevK;
    const snakeStartX = down ? prevX : prevX + 1;
    for (let i = x; i > snakeStartX; i--) reversed.push('equal');
    reversed.push(down ? 'insert' : 'delete');
    x = prevX;
    y = prevY;
  }
  for (let i = x; i > 0; i--) reversed.push('equal');
  return reversed.reverse();
}

/** A minimal delta turning `from` into `to` (minimal up to the work limit). */
export function minimalDelta(from: string, to: string, workLimit = DEFAULT_WORK_LIMIT): Delta {
  const prefix = commonPrefix(from, to);
  const suffix = commonSuffix(from, to, prefix);
  const oldMiddle = from.slice(prefix, from.length - suffix);
  const newMiddle = to.slice(prefix, to.length - suffix);
  const out = new DeltaBuilder().retain(prefix);
  if (oldMiddle.length === 0 || newMiddle.length === 0) {
    return out.insert(newMiddle).delete(oldMiddle.length).build();
  }
  const a = Array.from(oldMiddle);
  const b = Array.from(newMiddle);
  const maxD = Math.max(1, Math.floor(workLimit / (a.length + b.length)));
  const steps = myers(a, b, Math.min(maxD, a.length + b.length));
  if (steps === undefined) return out.insert(newMiddle).delete(oldMiddle.length).build();
  let i = 0;
  let j = 0;
  for (const step of steps) {
    if (step === 'equal') {
      out.retain(a[i++]!.length);
      j++;
    } else if (step === 'delete') {
      out.delete(a[i++]!.length);
    } else {
      out.insert(b[j++]!);
    }
  }
  return out.build();
}
