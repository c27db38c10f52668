import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { releaseFinishedTransactions } from '../../../core/sync/finishedTransactions';

// Yjs hands the array that held a round of transactions to 'afterAllTransactions' listeners and
// then drops it; when V8 has moved such arrays to the old generation, that array would keep the
// finished transactions alive until a full GC (core/sync/finishedTransactions.ts).
describe('finished transactions', () => {
  /** The arrays Yjs hands over, and how many transactions each held when it did. */
  function watchRounds(doc: Y.Doc) {
    const rounds: Array<{ array: Y.Transaction[]; heldAtTheTime: number }> = [];
    doc.on('afterAllTransactions', (_doc: Y.Doc, array: Y.Transaction[]) => {
      rounds.push({ array, heldAtTheTime: array.length });
    });
    return rounds;
  }

  it('stay in the array Yjs drops, unless released', () => {
    const doc = new Y.Doc();
    const rounds = watchRounds(doc);
    doc.getText('body').insert(0, 'a');
    expect(rounds).toHaveLength(1);
    expect(rounds[0]?.heldAtTheTime).toBe(1);
    // What this module is for: without it the dropped array still points at the transaction.
    expect(rounds[0]?.array).toHaveLength(1);
  });

  it('are let go of once every listener has heard of them', () => {
    const doc = new Y.Doc();
    const rounds = watchRounds(doc);
    releaseFinishedTransactions(doc);
    doc.getText('body').insert(0, 'a');
    doc.getText('body').insert(1, 'b');
    expect(rounds.map((round) => round.heldAtTheTime)).toEqual([1, 1]);
    for (const round of rounds) expect(round.array).toHaveLength(0);
    // Yjs starts each round with a fresh array of its own, so the next change works as before.
    expect(doc.getText('body').toString()).toBe('ab');
  });

  it('leave updates, observers and changes made by observers as they were', () => {
    /** A change whose observer changes the document again: two transactions in one round. */
    function exclaim(release: boolean) {
      const doc = new Y.Doc();
      if (release) releaseFinishedTransactions(doc);
      const text = doc.getText('body');
      const notes = doc.getArray<string>('notes');
      text.observe((event) => {
        if (event.delta.some((op) => typeof op.insert === 'string' && op.insert.includes('!'))) {
          notes.push(['exclaimed']);
        }
      });
      const updates: Uint8Array[] = [];
      doc.on('update', (update: Uint8Array) => updates.push(update));
      text.insert(0, 'hello!');
      text.insert(6, ' again');
      const copy = new Y.Doc();
      for (const update of updates) Y.applyUpdate(copy, update);
      return {
        notes: notes.toArray(),
        updates: updates.length,
        copy: [copy.getText('body').toString(), copy.getArray('notes').toArray()],
      };
    }
    const released = exclaim(true);
    expect(released.notes).toEqual(['exclaimed']);
    expect(released.copy).toEqual(['hello! again', ['exclaimed']]);
    expect(released).toEqual(exclaim(false));
  });
});
