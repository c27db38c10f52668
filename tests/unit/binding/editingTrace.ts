// Joseph Gentle's editing traces (CC BY 4.0), as described in shared/data/editing-traces/README.md.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export type Patch = readonly [position: number, deleted: number, inserted: string];

export interface ConcurrentTxn {
  readonly agent: number;
  readonly parents: readonly number[];
  readonly patches: readonly Patch[];
}

export interface ConcurrentTrace {
  readonly kind: 'concurrent';
  readonly numAgents: number;
  readonly endContent: string;
  readonly txns: readonly ConcurrentTxn[];
}

export interface SequentialTrace {
  readonly startContent: string;
  readonly endContent: string;
  readonly txns: readonly { readonly patches: readonly Patch[] }[];
}

const TRACES = path.resolve(__dirname, '../../../../shared/data/editing-traces');

export function loadTrace<T>(name: string): T {
  return JSON.parse(gunzipSync(readFileSync(path.join(TRACES, name))).toString('utf8')) as T;
}

/**
 * For every transaction, how many transactions of each agent are in its causal past,
 * itself included. An agent's own transactions are totally ordered, so "the first k of
 * agent a" names exactly the part of the causal past that agent a contributed.
 */
export function causalClocks(trace: ConcurrentTrace): number[][] {
  const clocks: number[][] = [];
  for (const txn of trace.txns) {
    const clock = new Array<number>(trace.numAgents).fill(0);
    for (const parent of txn.parents) {
      const parentClock = clocks[parent];
      if (parentClock === undefined) throw new Error('a parent must come earlier in the trace');
      for (let a = 0; a < clock.length; a++) clock[a] = Math.max(clock[a]!, parentClock[a]!);
    }
    clock[txn.agent]! += 1;
    clocks.push(clock);
  }
  return clocks;
}

/** Whether any inserted text has characters outside the BMP (two UTF-16 units, one code point). */
export function hasAstral(patches: Iterable<Patch>): boolean {
  for (const [, , inserted] of patches) if (/[\u{10000}-\u{10FFFF}]/u.test(inserted)) return true;
  return false;
}

/** UTF-16 offset of a code-point position (the traces count code points). */
export function utf16Offset(text: string, codePoints: number, astral: boolean): number {
  if (!astral) return codePoints;
  let offset = 0;
  for (let i = 0; i < codePoints; i++) offset += (text.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

/** Applies one patch with Array.splice semantics on code points (the format's definition). */
export function applyPatch(text: string, [position, deleted, inserted]: Patch, astral: boolean): string {
  if (!astral) return text.slice(0, position) + inserted + text.slice(position + deleted);
  const chars = Array.from(text);
  chars.splice(position, deleted, ...Array.from(inserted));
  return chars.join('');
}
