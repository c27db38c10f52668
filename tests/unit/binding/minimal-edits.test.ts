import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyDelta, replacementsOf } from '../../../core/binding/delta';
import { minimalDelta } from '../../../core/binding/minimalEdits';

const alphabet = fc.constantFrom('a', 'b', '\n', 'é', '😀', '𝄞');
const text = fc.array(alphabet, { maxLength: 30 }).map((chars) => chars.join(''));

function splitsSurrogatePair(s: string, at: number): boolean {
  const before = s.charCodeAt(at - 1);
  return at > 0 && at < s.length && before >= 0xd800 && before <= 0xdbff;
}

describe('the edits that bring an editor to Y.Text when the binding starts', () => {
  it('turn one text into the other', () => {
    fc.assert(
      fc.property(text, text, (from, to) => {
        expect(applyDelta(from, minimalDelta(from, to))).toBe(to);
      }),
      { numRuns: 1000 },
    );
  });

  it('stay correct when the work limit forces a coarse replace', () => {
    fc.assert(
      fc.property(text, text, (from, to) => {
        expect(applyDelta(from, minimalDelta(from, to, 1))).toBe(to);
      }),
      { numRuns: 300 },
    );
  });

  it('never split a surrogate pair, so VS Code reports exactly the edit we made', () => {
    fc.assert(
      fc.property(text, text, (from, to) => {
        for (const r of replacementsOf(minimalDelta(from, to))) {
          expect(splitsSurrogatePair(from, r.offset)).toBe(false);
          expect(splitsSurrogatePair(from, r.offset + r.deleteLength)).toBe(false);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('touch only what differs: one typed character is one one-character edit, in 50 KB', () => {
    const big = 'lesson plan line\n'.repeat(3000);
    const edited = `${big.slice(0, 25_000)}x${big.slice(25_000)}`;
    expect(replacementsOf(minimalDelta(big, edited))).toEqual([
      { offset: 25_000, deleteLength: 0, text: 'x' },
    ]);
  });

  it('are minimal on small texts: no more changed characters than a longest common subsequence allows', () => {
    fc.assert(
      fc.property(text, text, (from, to) => {
        const a = Array.from(from);
        const b = Array.from(to);
        const lcs: number[][] = Array.from({ length: a.length + 1 }, () =>
          new Array<number>(b.length + 1).fill(0),
        );
        for (let i = a.length - 1; i >= 0; i--) {
          for (let j = b.length - 1; j >= 0; j--) {
            lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
          }
        }
        const changed = replacementsOf(minimalDelta(from, to)).reduce(
          (n, r) =>
            n +
            Array.from(from.slice(r.offset, r.offset + r.deleteLength)).length +
            Array.from(r.text).length,
          0,
        );
        expect(changed).toBe(a.length + b.length - 2 * lcs[0]![0]!);
      }),
      { numRuns: 500 },
    );
  });
});
