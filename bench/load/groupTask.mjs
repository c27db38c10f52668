// Scenarios 2, 3 and 4 inside a load generator: documents with several clients each, every
// document starting from the same 20 KB plan (built from the start of seph-blog1, so it has real
// editing history), and typists typing one character per keystroke at a steady rate.
//
// Latency is taken in one clock: a document's typist and its other clients all live in this
// process. The typist notes the time of each keystroke (by its Yjs clock: one character is one
// clock tick); every other client notes when its copy of the document first contains it.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { openClient } from './clients.mjs';

const SYNC_TIMEOUT_MS = 60_000;
const CONNECT_PARALLEL = 32;
const LETTERS = 'etaoinshrdlu ';

/** The documents of this process: [{ name, clients: [client], typists: [typist] }]. */
let docs = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Opens every client: the first client of each document brings the 20 KB plan (as the author of
 * an existing plan would), the others join it. Resolves when every client has the whole plan.
 */
export async function connect({ kind, port, documents, baseFile }) {
  const base = new Uint8Array(readFileSync(baseFile));
  const started = performance.now();
  docs = documents.map((d) => ({ name: d.name, tokens: d.tokens, clients: [], typists: [] }));
  const queue = [...docs];
  let length = -1;
  await Promise.all(
    Array.from({ length: CONNECT_PARALLEL }, async () => {
      while (queue.length > 0) {
        const d = queue.shift();
        const first = new Y.Doc();
        Y.applyUpdate(first, base);
        length = first.getText('body').length;
        const open = (i) => {
          const client = openClient({
            kind,
            port,
            docName: d.name,
            token: d.tokens[i] ?? undefined,
            doc: i === 0 ? first : undefined,
          });
          d.clients.push(client);
          return client.whenSynced(SYNC_TIMEOUT_MS);
        };
        // The author first, so the plan exists before the others join; then the others at once.
        await open(0);
        await Promise.all(d.tokens.slice(1).map((_, i) => open(i + 1)));
      }
    }),
  );
  // Synced means the first exchange is done; the plan itself may still be on its way.
  const deadline = performance.now() + SYNC_TIMEOUT_MS;
  while (docs.some((d) => d.clients.some((c) => c.text.length !== length))) {
    if (performance.now() > deadline) throw new Error('not every client received the plan');
    await sleep(20);
  }
  for (const d of docs) for (const client of d.clients) watch(d, client);
  return {
    clients: docs.reduce((n, d) => n + d.clients.length, 0),
    seconds: (performance.now() - started) / 1000,
  };
}

/** Notes, for every typist of the document, when this client first has each of their keystrokes. */
function watch(d, client) {
  const seen = new Map();
  client.doc.on('update', () => {
    const now = performance.now();
    for (const t of d.typists) {
      if (t.client === client || t.phase === null) continue;
      const clock = Y.getState(client.doc.store, t.id);
      let from = seen.get(t) ?? t.phase.baseClock;
      if (from < t.phase.baseClock) from = t.phase.baseClock;
      for (let c = from; c < clock; c++) {
        const sentAt = t.phase.sentAt[c - t.phase.baseClock];
        if (sentAt !== undefined) t.phase.latencies.push(now - sentAt);
      }
      if (clock > from) seen.set(t, clock);
    }
  });
}

/**
 * Types for `seconds`: `typistsPerDoc` clients of each document type at `ratePerTypist`
 * keystrokes per second each (evenly paced, each typist starting at a random phase), then waits
 * up to `drainSeconds` for every keystroke to reach every other client of its document.
 */
export async function type({ seconds, ratePerTypist, typistsPerDoc, drainSeconds }) {
  const typists = [];
  for (const d of docs) {
    d.typists = d.clients.slice(0, typistsPerDoc).map((client) => {
      const id = client.doc.clientID;
      const t = {
        client,
        id,
        offset: Math.random(),
        typed: 0,
        cursor: Math.floor(Math.random() * client.text.length),
        phase: { baseClock: Y.getState(client.doc.store, id), sentAt: [], latencies: [] },
      };
      typists.push(t);
      return t;
    });
  }
  const lag = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  // One loop paces every typist: keystroke k of a typist is due at (k + offset) / rate seconds.
  await new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      const elapsed = (Math.min(now, end) - started) / 1000;
      for (const t of typists) {
        const due = Math.floor(elapsed * ratePerTypist + t.offset);
        while (t.typed < due) {
          const dueAt = started + ((t.typed + 1 - t.offset) / ratePerTypist) * 1000;
          const sentAt = performance.now();
          lag.push(sentAt - dueAt);
          t.phase.sentAt.push(sentAt);
          t.client.text.insert(t.cursor, LETTERS[t.typed % LETTERS.length]);
          t.cursor += 1;
          t.typed += 1;
        }
      }
      if (now >= end) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });
  const typingSeconds = (performance.now() - started) / 1000;
  let typed = 0;
  let expected = 0;
  for (const d of docs) {
    for (const t of d.typists) {
      typed += t.typed;
      expected += t.typed * (d.clients.length - 1);
    }
  }
  const delivered = () => typists.reduce((n, t) => n + t.phase.latencies.length, 0);
  const drainDeadline = performance.now() + drainSeconds * 1000;
  while (delivered() < expected && performance.now() < drainDeadline) await sleep(10);
  const latencies = new Float64Array(delivered());
  let i = 0;
  for (const t of typists) for (const l of t.phase.latencies) latencies[i++] = l;
  for (const t of typists) t.phase = null;
  const closes = docs.flatMap((d) => d.clients.flatMap((c) => c.closes));
  return {
    typed,
    expected,
    delivered: latencies.length,
    latencies,
    typingSeconds,
    offeredRate: typists.length * ratePerTypist,
    achievedRate: typed / typingSeconds,
    scheduleLagP99Ms: percentile99(lag),
    closes,
  };
}

function percentile99(values) {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
}

export async function close() {
  for (const d of docs) for (const client of d.clients) client.destroy();
  docs = [];
  await sleep(200);
  return {};
}
