// What the server holds of a document, for a client to compare after it synced (DESIGN.md:
// divergence is never silent): the state vector and a SHA-256 of its text, computed exactly as
// core/sync/digest.ts does on the client.
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import type { DocumentStorage } from '../storage/documentStorage';
import { applyRows } from '../storage/mergeRows';
import { serverDoc } from '../storage/serverDoc';
import type { RoomRegistry } from './roomRegistry';

export interface DocumentDigest {
  /** Base64 of the Yjs state vector. */
  readonly stateVector: string;
  /** Hex SHA-256 of the UTF-8 text. */
  readonly digest: string;
}

export async function documentDigest(
  doc: string,
  textName: string,
  rooms: RoomRegistry,
  storage: DocumentStorage,
): Promise<DocumentDigest> {
  const room = rooms.get(doc);
  if (room !== undefined && (room.status === 'ready' || room.status === 'loading')) {
    // Compare with what is stored: wait for the writes under way.
    await room.whenSaved();
    const state = room.readState(textName);
    if (state !== undefined) return digestOf(state.stateVector, state.text);
  }
  const scratch = serverDoc(doc);
  try {
    applyRows(scratch, (await storage.load(doc)).updates, null);
    return digestOf(Y.encodeStateVector(scratch), scratch.getText(textName).toString());
  } finally {
    scratch.destroy();
  }
}

function digestOf(stateVector: Uint8Array, text: string): DocumentDigest {
  return {
    stateVector: Buffer.from(stateVector).toString('base64'),
    digest: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}
