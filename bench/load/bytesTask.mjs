// Scenario 1 inside a load generator: a typist and a reader, each behind its own counting proxy.
// - single: the typist types one character at a time into a 20 KB plan; for each we count the
//   bytes between the keystroke and its arrival at the reader (plus a short settle);
// - trace: the typist replays seph-blog1 from an empty document, one Yjs transaction per trace
//   transaction, in order, as fast as the reader keeps up (at most `window` in flight).
//   Pace does not change a byte for ours or stock (one message per update); Hocuspocus merges
//   what arrives in one event-loop turn, so the faster the replay, the fewer bytes it sends down.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { applyTxn, loadTrace } from '../lib/trace.mjs';
import { openClient } from './clients.mjs';
import { startCountingProxy } from './proxy.mjs';

const SYNC_TIMEOUT_MS = 30_000;
const SETTLE_MS = 150;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A typist and a reader of one document, each through its own proxy. */
async function pair({ kind, port, docName, tokens, base }) {
  const proxies = [await startCountingProxy(port), await startCountingProxy(port)];
  const typistDoc = new Y.Doc();
  if (base) Y.applyUpdate(typistDoc, base);
  const typist = openClient({ kind, port: proxies[0].port, docName, token: tokens[0], doc: typistDoc });
  await typist.whenSynced(SYNC_TIMEOUT_MS);
  const reader = openClient({ kind, port: proxies[1].port, docName, token: tokens[1] });
  await reader.whenSynced(SYNC_TIMEOUT_MS);
  await until(() => reader.text.length === typist.text.length, SYNC_TIMEOUT_MS, 'reader got the document');
  await sleep(300);
  const counts = () => ({
    typistUp: proxies[0].counts.up,
    typistDown: proxies[0].counts.down,
    readerUp: proxies[1].counts.up,
    readerDown: proxies[1].counts.down,
  });
  return {
    typist,
    reader,
    counts,
    async close() {
      typist.destroy();
      reader.destroy();
      await Promise.all(proxies.map((p) => p.close()));
    },
  };
}

/** Waits for `condition`, checking after every update of the reader and every 20 ms. */
async function until(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(5);
  }
}

function delta(after, before) {
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}

export async function single({ kind, port, docName, tokens, baseFile, inserts }) {
  const base = new Uint8Array(readFileSync(baseFile));
  const p = await pair({ kind, port, docName, tokens, base });
  try {
    const perInsert = [];
    let cursor = Math.floor(p.typist.text.length / 2);
    for (let i = 0; i < inserts; i++) {
      const before = p.counts();
      const expected = p.reader.text.length + 1;
      p.typist.text.insert(cursor, 'abcdefghijklmnopqrstuvwxyz'[i % 26]);
      cursor += 1;
      await until(() => p.reader.text.length === expected, 10_000, 'keystroke reached the reader');
      // Anything the keystroke causes after its delivery (an acknowledgement) is its cost too.
      await sleep(SETTLE_MS);
      perInsert.push(delta(p.counts(), before));
    }
    const closes = [...p.typist.closes, ...p.reader.closes];
    return { perInsert, closes };
  } finally {
    await p.close();
  }
}

export async function trace({ kind, port, docName, tokens, txns, window, timeoutMs }) {
  const source = loadTrace();
  const count = Math.min(txns, source.txns.length);
  const p = await pair({ kind, port, docName, tokens });
  try {
    const typistId = p.typist.doc.clientID;
    // Typist clock after each transaction; a transaction that only deletes keeps the clock.
    const clockAfter = new Float64Array(count);
    let sent = 0;
    let received = 0;
    let wake = null;
    const onReaderUpdate = () => {
      const clock = Y.getState(p.reader.doc.store, typistId);
      while (received < count && received < sent && clockAfter[received] <= clock) received++;
      wake?.();
    };
    p.reader.doc.on('update', onReaderUpdate);
    const before = p.counts();
    const started = performance.now();
    const deadline = started + timeoutMs;
    while (sent < count) {
      while (sent < count && sent - received < window) {
        applyTxn(p.typist.text, source.txns[sent]);
        clockAfter[sent] = Y.getState(p.typist.doc.store, typistId);
        sent++;
      }
      if (performance.now() > deadline)
        throw new Error(`trace replay over ${timeoutMs} ms at ${sent}/${count}`);
      await new Promise((resolve) => {
        wake = resolve;
        setTimeout(resolve, 50);
      });
      wake = null;
    }
    const typed = p.typist.text.toString();
    await until(
      () => p.reader.text.length === typed.length && p.reader.text.toString() === typed,
      Math.max(1000, deadline - performance.now()),
      'the reader has the whole replay',
    );
    const seconds = (performance.now() - started) / 1000;
    await sleep(SETTLE_MS);
    const bytes = delta(p.counts(), before);
    p.reader.doc.off('update', onReaderUpdate);
    const closes = [...p.typist.closes, ...p.reader.closes];
    const complete = count === source.txns.length ? typed === source.endContent : true;
    return { txns: count, seconds, bytes, closes, complete };
  } finally {
    await p.close();
  }
}
