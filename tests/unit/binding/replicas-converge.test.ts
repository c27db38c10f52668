import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EndOfLine } from '../../../core/binding/editorDocument';
import { editorTextAsLf, settleAll } from './replica';
import { type Outcome, simulate, stepArbitrary } from './simulation';

const REPLICAS = 3;
const eol = fc.constantFrom<EndOfLine>('\n', '\r\n');

function expectConverged(outcome: Outcome): void {
  const [first] = outcome.replicas;
  const shared = first!.ytext.toString();
  for (const replica of outcome.replicas) {
    expect(replica.anomalies).toEqual([]);
    expect(replica.binding.state).toBe('settled');
    expect(replica.ytext.toString()).toBe(shared);
    expect(editorTextAsLf(replica)).toBe(shared);
    const editorText = replica.editor.getText();
    // The editor's line breaks are all the document's own.
    if (replica.editor.eol === '\r\n') expect(editorText.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    else expect(editorText).not.toContain('\r');
  }
  expect(shared).not.toContain('\r');
}

function expectNothingLostOrDuplicated(outcome: Outcome): void {
  const text = outcome.replicas[0]!.ytext.toString();
  const survivors = [...text].filter((ch) => ch !== '\n');
  const expected = [...outcome.typed].filter((ch) => !outcome.deleted.has(ch));
  // Each surviving character was typed once and deleted by nobody; each such character survives once.
  expect(survivors.length).toBe(new Set(survivors).size);
  expect(new Set(survivors)).toEqual(new Set(expected));
  // Line breaks are not unique, so only bounds hold: concurrent deletes of one break count twice.
  const breaks = text.length - survivors.length;
  expect(breaks).toBeLessThanOrEqual(outcome.lineBreaksTyped);
  expect(breaks).toBeGreaterThanOrEqual(outcome.lineBreaksTyped - outcome.lineBreakDeletes);
}

describe('three teachers editing one plan at once, over a flaky network', () => {
  it('end with the same text everywhere, with nothing lost, duplicated or echoed', async () => {
    const totals = { edits: 0, whilePending: 0, rejected: 0, applied: 0, runs: 0, yjsRepairs: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(eol, { minLength: REPLICAS, maxLength: REPLICAS }),
        fc.boolean(),
        fc.array(stepArbitrary(REPLICAS, true), { minLength: 150, maxLength: 400, size: 'max' }),
        async (seed, eols, staleEditor, steps) => {
          const outcome = await simulate({ seed, eols, steps, staleEditor });
          try {
            await settleAll(outcome.replicas, outcome.network);
            expectConverged(outcome);
            expectNothingLostOrDuplicated(outcome);
            totals.runs += 1;
            totals.edits += outcome.edits;
            totals.yjsRepairs += outcome.network.repairs;
            for (const { binding } of outcome.replicas) {
              totals.whilePending += binding.stats.localChangesWhilePending;
              totals.rejected += binding.stats.rejectedApplies;
              totals.applied += binding.stats.appliedBatches;
            }
          } finally {
            for (const replica of outcome.replicas) replica.dispose();
          }
        },
      ),
      { numRuns: 50, interruptAfterTimeLimit: 20_000 },
    );
    console.info(`convergence: ${JSON.stringify(totals)}`);
    // The hard cases really happened: typing over queued remote edits, and applies that lost a race.
    expect(totals.edits).toBeGreaterThan(2000);
    expect(totals.whilePending).toBeGreaterThan(100);
    expect(totals.rejected).toBeGreaterThan(10);
  }, 60_000);

  it('keep every typed character exactly once when nobody deletes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer(),
        fc.array(eol, { minLength: REPLICAS, maxLength: REPLICAS }),
        fc.array(stepArbitrary(REPLICAS, false), { minLength: 50, maxLength: 200 }),
        async (seed, eols, steps) => {
          const outcome = await simulate({ seed, eols, steps, staleEditor: false });
          try {
            await settleAll(outcome.replicas, outcome.network);
            expectConverged(outcome);
            const text = outcome.replicas[0]!.ytext.toString();
            const survivors = [...text].filter((ch) => ch !== '\n');
            expect(survivors.sort()).toEqual([...outcome.typed].sort());
            expect(text.length - survivors.length).toBe(outcome.lineBreaksTyped);
          } finally {
            for (const replica of outcome.replicas) replica.dispose();
          }
        },
      ),
      { numRuns: 20, interruptAfterTimeLimit: 15_000 },
    );
  }, 60_000);
});
