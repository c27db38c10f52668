// For documents the fuzzing member may write, a frame that is a valid change is not bad input:
// the server must store it. The fuzz test sends writers only frames that would NOT change the
// document (or that Yjs fails on), so that "stored bytes identical" is the right expectation.
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/** The update a frame carries if it is a well-formed sync step 2 or update message. */
function updateOf(frame: Uint8Array): Uint8Array | null {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0) return null;
    const syncType = decoding.readVarUint(decoder);
    if (syncType !== 1 && syncType !== 2) return null;
    const length = decoding.readVarUint(decoder);
    if (length > frame.length - decoder.pos) return null;
    return decoding.readUint8Array(decoder, length);
  } catch {
    return null;
  }
}

/** True if applying the frame's update to the document would change it or leave structs waiting. */
export function wouldChange(state: Uint8Array, frame: Uint8Array): boolean {
  const update = updateOf(frame);
  if (update === null) return false;
  try {
    Y.decodeUpdate(update);
  } catch {
    return false; // unreadable: the server refuses it before touching the document
  }
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  let changed = false;
  doc.on('update', () => {
    changed = true;
  });
  try {
    Y.applyUpdate(doc, update);
    return changed || doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
  } catch {
    return false; // the server must reject it and keep the document as it was
  } finally {
    doc.destroy();
  }
}

/** Whether the frame is a well-formed sync step 1, which the server answers with a step 2. */
export function isValidStep1(frame: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 0) return false;
    const length = decoding.readVarUint(decoder);
    if (length !== frame.length - decoder.pos) return false;
    Y.decodeStateVector(decoding.readUint8Array(decoder, length));
    return true;
  } catch {
    return false;
  }
}
