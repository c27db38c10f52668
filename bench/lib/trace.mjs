// Joseph Gentle's seph-blog1 editing trace (CC BY 4.0; ../shared/data/editing-traces): one person
// writing a Markdown blog post keystroke by keystroke. Patches are [position, deleted, inserted]
// with Array.splice semantics on code points; the trace has no characters outside the BMP, so
// code points and Y.Text's UTF-16 offsets agree (checked by replaying to endContent).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { ROOT } from './paths.mjs';

export const TRACES = path.resolve(ROOT, '..', 'shared', 'data', 'editing-traces');
export const TEXT = 'body';

/** A pause this long in the trace is a new editing session: a new Y.Doc, so a new client id. */
const SESSION_GAP_MS = 30 * 60 * 1000;

export function loadTrace(name = 'seph-blog1.json.gz') {
  const trace = JSON.parse(gunzipSync(readFileSync(path.join(TRACES, name))).toString('utf8'));
  for (const txn of trace.txns) {
    for (const [, , inserted] of txn.patches) {
      if (/[\u{10000}-\u{10FFFF}]/u.test(inserted)) throw new Error('trace has astral characters');
    }
  }
  return trace;
}

/** Applies one trace transaction to a Y.Text as one Yjs transaction (one update). */
export function applyTxn(text, txn, origin = null) {
  text.doc.transact(() => {
    for (const [position, deleted, inserted] of txn.patches) {
      if (deleted > 0) text.delete(position, deleted);
      if (inserted !== '') text.insert(position, inserted);
    }
  }, origin);
}

/** How many transactions from the start make the text at least `chars` long. */
export function txnsUntilLength(trace, chars) {
  let length = trace.startContent.length;
  for (let i = 0; i < trace.txns.length; i++) {
    for (const [, deleted, inserted] of trace.txns[i].patches) length += inserted.length - deleted;
    if (length >= chars) return i + 1;
  }
  return trace.txns.length;
}

/** Deterministic 32-bit client ids, so a document is byte-identical in every run. */
function clientIds(seed) {
  let state = seed >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/**
 * The Yjs state after the first `count` transactions, typed session by session (a new client id
 * after each pause of 30 minutes or more, as a reopened editor would have).
 */
export function buildHistory(trace, count, seed = 42) {
  const nextId = clientIds(seed);
  let state = new Uint8Array(0);
  let doc = null;
  let sessions = 0;
  let lastTime = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const txn = trace.txns[i];
    const time = Date.parse(txn.time);
    if (doc === null || time - lastTime >= SESSION_GAP_MS) {
      if (doc !== null) {
        state = Y.encodeStateAsUpdate(doc);
        doc.destroy();
      }
      doc = new Y.Doc();
      doc.clientID = nextId();
      if (state.length > 0) Y.applyUpdate(doc, state);
      sessions += 1;
    }
    lastTime = time;
    applyTxn(doc.getText(TEXT), txn);
  }
  const text = doc.getText(TEXT).toString();
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { update, length: text.length, text, sessions, txns: count };
}

/** Replays the whole trace into a fresh doc and checks it ends at endContent. */
export function checkTrace(trace) {
  const doc = new Y.Doc();
  const text = doc.getText(TEXT);
  for (const txn of trace.txns) applyTxn(text, txn);
  const ok = text.toString() === trace.endContent;
  doc.destroy();
  if (!ok) throw new Error('replaying the trace did not give its endContent');
}
