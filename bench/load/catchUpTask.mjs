// Scenario 6 inside a load generator: replicas A and B share a 20 KB plan, go offline, and each
// make `edits` trace transactions (the same stretch of seph-blog1, typed by each on their own
// copy). Then both reconnect at once, each through its own counting proxy. We count every byte
// A and B exchange with the server from reconnecting until both hold the same document, and the
// time that takes. A colleague (the holder) stays online throughout, so servers that keep
// documents only in memory still have the plan while A and B are away.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { applyTxn, loadTrace } from '../lib/trace.mjs';
import { openClient } from './clients.mjs';
import { startCountingProxy } from './proxy.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition, timeoutMs, what) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out: ${what}`);
    await sleep(2);
  }
}

const sameState = (a, b) => {
  const x = Y.encodeStateVector(a.doc);
  const y = Y.encodeStateVector(b.doc);
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

export async function run({ kind, port, docName, tokens, baseFile, baseTxns, edits, timeoutMs }) {
  const base = new Uint8Array(readFileSync(baseFile));
  const trace = loadTrace();
  const holderDoc = new Y.Doc();
  Y.applyUpdate(holderDoc, base);
  const holder = openClient({ kind, port, docName, token: tokens[0], doc: holderDoc });
  const proxies = [await startCountingProxy(port), await startCountingProxy(port)];
  const replicas = [];
  try {
    await holder.whenSynced(timeoutMs);
    await sleep(500);
    for (let i = 0; i < 2; i++) {
      const replica = openClient({ kind, port: proxies[i].port, docName, token: tokens[i + 1] });
      replicas.push(replica);
      await replica.whenSynced(timeoutMs);
    }
    const [a, b] = replicas;
    await until(
      () => a.text.length === holder.text.length && b.text.length === holder.text.length,
      timeoutMs,
      'replicas got the plan',
    );
    await sleep(300);
    a.disconnect();
    b.disconnect();
    await until(() => !a.synced && !b.synced, 10_000, 'replicas went offline');
    await sleep(300);
    for (const replica of replicas) {
      for (let t = baseTxns; t < baseTxns + edits; t++) applyTxn(replica.text, trace.txns[t]);
    }
    const before = proxies.map((p) => p.snapshot());
    const started = performance.now();
    a.connect();
    b.connect();
    await until(
      () => a.synced && b.synced && sameState(a, b) && a.text.toString() === b.text.toString(),
      timeoutMs,
      'A and B converged',
    );
    const ms = performance.now() - started;
    const after = proxies.map((p) => p.snapshot());
    const up = after[0].up - before[0].up + after[1].up - before[1].up;
    const down = after[0].down - before[0].down + after[1].down - before[1].down;
    const closes = replicas.flatMap((r) => [...r.closes]);
    return { ms, up, down, total: up + down, chars: a.text.length, closes };
  } finally {
    for (const replica of replicas) replica.destroy();
    holder.destroy();
    await Promise.all(proxies.map((p) => p.close()));
  }
}
