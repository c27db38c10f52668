import * as Y from 'yjs';
import type { ServerApi } from '../clusters/serverApi';
import type { DocSession } from '../sync/docSession';
import { type LiveDoc, ownClock } from './liveDocs';

// A change to a shared document is only the cluster's once the server holds it; the server, not
// this device, decides who may write. It drops a read-only member's updates and says so with the
// y-protocols "permission denied" message, which it also sends when a reader's connection offers
// its cursor: so a session in the 'denied' state means "the server lets you read only", not
// "your last change was refused". A change is therefore confirmed positively: the server's stored
// state vector (GET /api/docs/digest, which waits for the store) must include it.
// - Already read-only: nothing is written and the refusal is the answer.
// - Written, and the server says read-only without storing it: refused, and this device's copy is
//   replaced by the server's, so nobody sees a change the cluster never got.
// - Offline (or no answer in time): the change waits on this device and is sent on reconnect.

const CONFIRM_WITHIN_MS = 6_000;

export type WriteOutcome =
  /** The server stored the change. */
  | { readonly kind: 'stored' }
  /** Nothing changed (the same value again). */
  | { readonly kind: 'unchanged' }
  /** Kept on this device: offline, or the server did not answer in time. */
  | { readonly kind: 'waiting' }
  /** The server refused; this device's copy is the server's again. `reason` is the server's words, for the log. */
  | { readonly kind: 'refused'; readonly reason: string };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function decodeStateVector(base64: string): Map<number, number> {
  return Y.decodeStateVector(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
}

/**
 * Applies `apply` to the document and waits for the server's verdict. `changed` says whether the
 * result was a change at all (a refused validation writes nothing and needs no verdict).
 */
export async function confirmedWrite<T>(
  live: LiveDoc,
  api: () => Promise<ServerApi>,
  apply: (doc: Y.Doc) => T,
): Promise<{ readonly result?: T; readonly outcome: WriteOutcome }> {
  const session = await live.ready();
  if (session.state.kind === 'denied') {
    // The server already said this connection may only read (or closed it for good).
    return { outcome: { kind: 'refused', reason: session.state.reason } };
  }
  const before = ownClock(session.doc);
  const result = apply(session.doc);
  const after = ownClock(session.doc);
  if (after === before) return { result, outcome: { kind: 'unchanged' } };
  const outcome = await verdict(live, session, api, after);
  return { result, outcome };
}

/** Read afresh each time: the state changes while we wait. */
const isDenied = (session: DocSession): boolean => session.state.kind === 'denied';

async function verdict(
  live: LiveDoc,
  session: DocSession,
  api: () => Promise<ServerApi>,
  clock: number,
): Promise<WriteOutcome> {
  const deadline = Date.now() + CONFIRM_WITHIN_MS;
  let delay = 80;
  while (Date.now() < deadline) {
    if (!session.provider.wsconnected)
      // Closed for good (access revoked) or offline for now.
      return isDenied(session) ? { kind: 'refused', reason: deniedReason(session) } : { kind: 'waiting' };
    await sleep(delay);
    delay = Math.min(delay * 2, 800);
    const stored = await serverHas(live, session, api, clock);
    if (stored) return { kind: 'stored' };
    // Read-only, and the change is not on the server after this check: refused.
    if (isDenied(session) && stored === false) {
      await settleRefusal(live, session);
      return { kind: 'refused', reason: deniedReason(session) };
    }
  }
  return { kind: 'waiting' };
}

/** Whether the server's stored copy includes this device's change; undefined when it cannot be asked. */
async function serverHas(
  live: LiveDoc,
  session: DocSession,
  api: () => Promise<ServerApi>,
  clock: number,
): Promise<boolean | undefined> {
  try {
    const { stateVector } = await (await api()).digest(live.docName);
    return (decodeStateVector(stateVector).get(session.doc.clientID) ?? 0) >= clock;
  } catch {
    return undefined;
  }
}

function deniedReason(session: DocSession): string {
  const state = session.state;
  return state.kind === 'denied' ? state.reason : 'refused';
}

/**
 * Makes sure a refused change is gone from this device: the copy is the server's again. Only for
 * a refusal on an open connection; a connection closed for good (access revoked) has nothing to
 * take a copy from.
 */
async function settleRefusal(live: LiveDoc, session: DocSession): Promise<void> {
  if (live.session === undefined)
    await live.resetFromServer(); // under way: wait for it
  else if (live.session === session && session.provider.wsconnected) await live.resetFromServer();
}
