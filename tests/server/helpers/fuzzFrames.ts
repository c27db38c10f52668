// Random and mutated y-websocket frames, from a seeded generator so a failure can be replayed.
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 1);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** Valid frames of every kind: the seeds that mutations start from. */
export function validFrames(knownUpdates: readonly Uint8Array[], knownState: Uint8Array): Uint8Array[] {
  const scratch = new Y.Doc();
  const fresh: Uint8Array[] = [];
  scratch.on('update', (u: Uint8Array) => fresh.push(u));
  const text = scratch.getText('body');
  text.insert(0, 'Fresh text from nowhere');
  text.format(0, 5, { bold: true });
  text.insertEmbed(3, { image: 'x.png' });
  text.delete(2, 4);
  scratch.getMap('frontmatter').set('title', 'Mutant');
  scratch.getMap('frontmatter').set('bytes', new Uint8Array([1, 2, 3]));
  scratch.getArray('list').insert(0, [1, 'two', { three: [3] }, null, true]);
  const xml = new Y.XmlElement('p');
  xml.setAttribute('class', 'c');
  xml.insert(0, [new Y.XmlText('hello')]);
  scratch.getXmlFragment('xml').insert(0, [xml]);
  scratch.getMap('sub').set('doc', new Y.Doc());
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: 'Fuzzy', color: '#123456' }, cursor: { anchor: 1, head: 2 } });
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]);
  awareness.destroy();
  const frames: Uint8Array[] = [
    syncFrame(0, new Uint8Array([0])),
    syncFrame(0, Y.encodeStateVectorFromUpdate(knownState)),
    syncFrame(1, knownState),
    syncFrame(1, Y.encodeStateAsUpdate(scratch)),
    awarenessFrame(awarenessUpdate),
    new Uint8Array([3]),
    new Uint8Array([2, 0, 3, 0x61, 0x62, 0x63]),
  ];
  for (const update of knownUpdates.slice(-40)) frames.push(syncFrame(2, update));
  for (const update of fresh) frames.push(syncFrame(2, update));
  scratch.destroy();
  return frames;
}

export type FrameKind = 'mutated' | 'random' | 'valid' | 'oversize' | 'text';

/** One frame to send: mostly mutations of valid frames, some random bytes, a few oversized. */
export function nextFrame(
  random: () => number,
  seeds: readonly Uint8Array[],
  maxBytes: number,
): { kind: FrameKind; bytes: Uint8Array } {
  const roll = random();
  const int = (n: number) => Math.floor(random() * n);
  if (roll < 0.002) return { kind: 'oversize', bytes: randomBytes(random, maxBytes + 1 + int(1000)) };
  if (roll < 0.004) return { kind: 'text', bytes: randomBytes(random, 1 + int(20)) };
  if (roll < 0.05) return { kind: 'valid', bytes: seeds[int(seeds.length)]! };
  if (roll < 0.25) {
    const prefixes = [[0, 0], [0, 1], [0, 2], [1], [2], [3], [0], []];
    const prefix = prefixes[int(prefixes.length)]!;
    return { kind: 'random', bytes: concat(new Uint8Array(prefix), randomBytes(random, int(48))) };
  }
  let bytes: Uint8Array = seeds[int(seeds.length)]!.slice();
  const rounds = 1 + int(3);
  for (let i = 0; i < rounds; i++) bytes = mutate(random, bytes, seeds);
  return { kind: 'mutated', bytes };
}

function mutate(random: () => number, input: Uint8Array, seeds: readonly Uint8Array[]): Uint8Array {
  const int = (n: number) => Math.floor(random() * n);
  const bytes = input.slice();
  const at = bytes.length === 0 ? 0 : int(bytes.length);
  switch (int(9)) {
    case 0: // flip a bit
      if (bytes.length > 0) bytes[at]! ^= 1 << int(8);
      return bytes;
    case 1: // set a byte to an interesting value
      if (bytes.length > 0) bytes[at] = [0, 0x7f, 0x80, 0xff, 1, int(256)][int(6)]!;
      return bytes;
    case 2: // truncate (a truncated varint, a short payload)
      return bytes.slice(0, at);
    case 3: // insert random bytes
      return concat(bytes.slice(0, at), randomBytes(random, 1 + int(8)), bytes.slice(at));
    case 4: // delete a span
      return concat(bytes.slice(0, at), bytes.slice(Math.min(bytes.length, at + 1 + int(8))));
    case 5: // an overlong varint
      return concat(
        bytes.slice(0, at),
        new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]),
        bytes.slice(at + 1),
      );
    case 6: // splice two frames together
      return concat(bytes.slice(0, at), seeds[int(seeds.length)]!.slice(int(8)));
    case 7: // unknown message type
      if (bytes.length > 0) bytes[0] = 4 + int(250);
      return bytes;
    default: // trailing garbage
      return concat(bytes, randomBytes(random, 1 + int(4)));
  }
}

function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random() * 256);
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
