import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyDelta,
  compose,
  type Delta,
  DeltaBuilder,
  replacementsOf,
  transform,
} from '../../../core/binding/delta';

// A random delta that fits `text`, inserting characters from `alphabet`.
const textAndDelta = (text: string, alphabet = 'pqrs'): fc.Arbitrary<Delta> =>
  fc
    .array(
      fc.oneof(
        fc.record({ kind: fc.constant('retain' as const), n: fc.nat(5) }),
        fc.record({ kind: fc.constant('delete' as const), n: fc.nat(3) }),
        fc.record({
          kind: fc.constant('insert' as const),
          s: fc.array(fc.constantFrom(...alphabet), { maxLength: 4 }).map((c) => c.join('')),
        }),
      ),
      { maxLength: 8 },
    )
    .map((ops) => {
      const out = new DeltaBuilder();
      let left = text.length;
      for (const op of ops) {
        if (op.kind === 'insert') out.insert(op.s);
        else {
          const n = Math.min(op.n, left);
          left -= n;
          if (op.kind === 'retain') out.retain(n);
          else out.delete(n);
        }
      }
      return out.build();
    });

const scenario = fc
  .string({ maxLength: 20 })
  .chain((text) => fc.tuple(fc.constant(text), textAndDelta(text), textAndDelta(text)));

describe('the delta that says what the editor still lacks', () => {
  it('composes: doing a then b equals doing compose(a, b)', () => {
    fc.assert(
      fc.property(
        fc
          .string({ maxLength: 20 })
          .chain((text) =>
            textAndDelta(text).chain((a) =>
              fc.tuple(fc.constant(text), fc.constant(a), textAndDelta(applyDelta(text, a))),
            ),
          ),
        ([text, a, b]) => {
          expect(applyDelta(text, compose(a, b))).toBe(applyDelta(applyDelta(text, a), b));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('transforms: two concurrent edits end in the same text whichever is applied first', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), ([text, a, b], aFirst) => {
        const viaA = applyDelta(applyDelta(text, a), transform(a, b, aFirst));
        const viaB = applyDelta(applyDelta(text, b), transform(b, a, !aFirst));
        expect(viaA).toBe(viaB);
      }),
      { numRuns: 500 },
    );
  });

  it('never lets one side delete what the other side inserted', () => {
    const mine = fc
      .array(fc.constantFrom('a', 'b', 'c'), { maxLength: 20 })
      .map((c) => c.join(''))
      .chain((text) => fc.tuple(fc.constant(text), textAndDelta(text, 'XYZ'), textAndDelta(text, '0123')));
    fc.assert(
      fc.property(mine, fc.boolean(), ([text, a, b], aFirst) => {
        const result = applyDelta(applyDelta(text, a), transform(a, b, aFirst));
        const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
        // Every character either side inserted is there exactly once, whatever the other side deleted.
        expect(count(result, /[XYZ]/g)).toBe(count(applyDelta(text, a), /[XYZ]/g));
        expect(count(result, /[0-3]/g)).toBe(count(applyDelta(text, b), /[0-3]/g));
      }),
      { numRuns: 500 },
    );
  });

  it('lists its replacements in order, separated by unchanged text', () => {
    fc.assert(
      fc.property(scenario, ([text, a]) => {
        const replacements = replacementsOf(a);
        let rebuilt = '';
        let index = 0;
        for (const r of replacements) {
          expect(r.offset).toBeGreaterThanOrEqual(index);
          if (index > 0) expect(r.offset).toBeGreaterThan(index);
          rebuilt += text.slice(index, r.offset) + r.text;
          index = r.offset + r.deleteLength;
        }
        expect(rebuilt + text.slice(index)).toBe(applyDelta(text, a));
      }),
      { numRuns: 300 },
    );
  });
});
