// Scenario 5 inside a load generator: a colleague (the holder) has the plan open with its long
// history; a teacher who never had it joins through a counting proxy. We count what the joiner
// receives and sends (HTTP upgrade included) until its copy equals the holder's, and the time
// from opening the connection to that moment.
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { openClient } from './clients.mjs';
import { startCountingProxy } from './proxy.mjs';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function run({ kind, port, docName, tokens, historyFile, timeoutMs }) {
  const holderDoc = new Y.Doc();
  Y.applyUpdate(holderDoc, new Uint8Array(readFileSync(historyFile)));
  const expected = holderDoc.getText('body').toString();
  const holder = openClient({ kind, port, docName, token: tokens[0], doc: holderDoc });
  const proxy = await startCountingProxy(port);
  let joiner;
  try {
    await holder.whenSynced(timeoutMs);
    // The holder's history reaches the server right after the holder's first exchange; give it a
    // moment so the join measures serving the document, not uploading it.
    await sleep(1000);
    const started = performance.now();
    joiner = openClient({ kind, port: proxy.port, docName, token: tokens[1] });
    const deadline = started + timeoutMs;
    while (!(joiner.text.length === expected.length && joiner.text.toString() === expected)) {
      if (performance.now() > deadline) throw new Error(`cold join incomplete after ${timeoutMs} ms`);
      await new Promise((resolve) => {
        const done = () => {
          joiner.doc.off('update', done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 20);
        joiner.doc.on('update', done);
      });
    }
    const ms = performance.now() - started;
    const atSync = proxy.snapshot();
    return { ms, down: atSync.down, up: atSync.up, chars: expected.length, closes: [...joiner.closes] };
  } finally {
    joiner?.destroy();
    holder.destroy();
    await proxy.close();
  }
}
