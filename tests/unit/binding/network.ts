// A simulated network between Y.Docs: every update a replica makes is queued for every other
// replica and delivered later, in random order and in random batches (merged as one update),
// as a flaky rural connection would. Yjs must cope with updates whose dependencies arrive later.

import * as Y from 'yjs';
import { type Random, randomInt } from './random';

export const NETWORK_ORIGIN = { kind: 'simulatedNetwork' } as const;

interface Link {
  readonly to: Y.Doc;
  readonly queue: Uint8Array[];
}

export class SimulatedNetwork {
  private readonly docs: Y.Doc[] = [];
  private readonly links: Link[][] = [];

  constructor(private readonly random: Random) {}

  join(doc: Y.Doc): void {
    const from = this.docs.length;
    for (let other = 0; other < this.docs.length; other++) {
      this.links[other]!.push({ to: doc, queue: [] });
    }
    this.links.push(this.docs.map((to) => ({ to, queue: [] })));
    this.docs.push(doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NETWORK_ORIGIN) return;
      for (const link of this.links[from]!) link.queue.push(update);
    });
  }

  get queued(): number {
    return this.links.flat().reduce((sum, link) => sum + link.queue.length, 0);
  }

  /** Delivers a random batch on a random non-empty link; false when nothing is queued. */
  deliverSome(): boolean {
    const busy = this.links.flat().filter((link) => link.queue.length > 0);
    if (busy.length === 0) return false;
    const link = busy[randomInt(this.random, busy.length)]!;
    const count = 1 + randomInt(this.random, Math.min(4, link.queue.length));
    const batch: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      // Reordering: any queued update may overtake the others.
      const index = this.random() < 0.3 ? randomInt(this.random, link.queue.length) : 0;
      batch.push(...link.queue.splice(index, 1));
    }
    const update = batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch);
    Y.applyUpdate(link.to, update, NETWORK_ORIGIN);
    return true;
  }

  /** Delivers every link's whole queue as one merged update (a burst, e.g. after a reconnect). */
  deliverMerged(): void {
    for (const link of this.links.flat()) {
      if (link.queue.length === 0) continue;
      const batch = link.queue.splice(0);
      Y.applyUpdate(link.to, batch.length === 1 ? batch[0]! : Y.mergeUpdates(batch), NETWORK_ORIGIN);
    }
  }

  /** Docs that hold updates Yjs could not integrate yet (waiting for a dependency). */
  get stuck(): number {
    return this.docs.filter((doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null)
      .length;
  }

  /**
   * What y-protocols' sync step 1/2 does on every (re)connect: each doc sends every other doc
   * what its state vector lacks. Needed here because Yjs 13.6 can lose pending structs when one
   * sender's updates arrive out of order while the receiver edits locally (a pure-Yjs fuzz
   * without any binding diverges in about 1 run in 600); a state-vector exchange repairs it.
   * A star topology over y-websocket delivers each sender's updates in order and never gets there.
   */
  exchangeStateVectors(): void {
    for (const from of this.docs) {
      for (const to of this.docs) {
        if (from !== to)
          Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)), NETWORK_ORIGIN);
      }
    }
    this.repairs += 1;
  }

  repairs = 0;

  /** Delivers everything (bounded: every delivery removes at least one queued update). */
  deliverAll(): void {
    for (let guard = 0; guard < 1_000_000 && this.deliverSome(); guard++);
  }
}
