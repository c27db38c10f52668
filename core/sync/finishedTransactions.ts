// Lets a finished Yjs transaction be collected while it is young.
//
// Yjs keeps a document's transactions in an array that it replaces with a new empty one after
// each round of them (`doc._transactionCleanups = []`), so each document holds its latest empty
// array until its next change. On this server most documents are idle between keystrokes, so
// nearly every such array outlives a minor GC, and V8 starts allocating arrays from that line of
// Yjs in the old generation ("pretenuring"). The array a finished transaction was pushed into is
// then old garbage, and until the next full GC it keeps that transaction alive (state vectors,
// events, the maps of what changed) through every minor GC: each one is copied, then promoted.
// Measured in the bench's throughput scenario: 1.2–1.5 MB survived each minor GC (the stock
// server: 0.3 MB), the old generation grew by about 10 MB a second, and the pauses were 10–25 ms.
//
// Yjs hands that array to 'afterAllTransactions' listeners and never reads it again; emptying
// it there drops the link, whichever generation the array lives in.

import type * as Y from 'yjs';

/** Call once per document, after any other 'afterAllTransactions' listener: they would see it empty. */
export function releaseFinishedTransactions(doc: Y.Doc): void {
  doc.on('afterAllTransactions', (_doc: Y.Doc, transactions: Y.Transaction[]) => {
    transactions.length = 0;
  });
}
