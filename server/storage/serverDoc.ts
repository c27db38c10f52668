import * as Y from 'yjs';

/**
 * A Y.Doc for the server's own use (a room, a merge, a read of stored rows). Told no guid, Yjs
 * makes a random one with 31 calls to crypto.getRandomValues: about 0.22 ms in Node 20 against
 * 9 µs for the rest of the constructor, paid two or three times for every room that opens. The
 * server's documents are never subdocuments, so their guid names nothing anyone reads.
 */
export function serverDoc(name: string): Y.Doc {
  return new Y.Doc({ gc: true, guid: name });
}
