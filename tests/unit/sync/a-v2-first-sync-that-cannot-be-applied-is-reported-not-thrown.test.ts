import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { acceptCompactSync, MESSAGE_SYNC_STEP2_V2 } from '../../../core/sync/compactSync';

// The handler runs inside y-websocket's message listener: were it to throw, the socket would read
// no further messages and the plan would never count as synced (y-protocols' own sync step 2
// reports such errors instead, and so do we).
describe('the client side of the v2 first sync', () => {
  function provider(doc: Y.Doc): WebsocketProvider {
    return new WebsocketProvider('ws://127.0.0.1:9', 'c/plan/a', doc, {
      connect: false,
      disableBc: true,
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    });
  }

  function deliver(to: WebsocketProvider, update: Uint8Array): void {
    const message = encoding.createEncoder();
    encoding.writeVarUint8Array(message, update);
    const handler = to.messageHandlers[MESSAGE_SYNC_STEP2_V2];
    handler?.(
      encoding.createEncoder(),
      decoding.createDecoder(encoding.toUint8Array(message)),
      to,
      true,
      100,
    );
  }

  it('applies a good update with the provider as its origin, then counts as synced', () => {
    const source = new Y.Doc();
    source.getText('body').insert(0, '# Fractions\n\nLearners fold paper strips.');
    const doc = new Y.Doc();
    const p = provider(doc);
    const errors: unknown[] = [];
    acceptCompactSync(p, (error) => errors.push(error));
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    deliver(p, Y.encodeStateAsUpdateV2(source));
    expect(doc.getText('body').toString()).toBe(source.getText('body').toString());
    expect(origins).toEqual([p]);
    expect(p.synced).toBe(true);
    expect(errors).toEqual([]);
    p.destroy();
  });

  it('reports an update that cannot be applied, and still counts as synced', () => {
    const doc = new Y.Doc();
    doc.getText('body').insert(0, 'kept');
    const p = provider(doc);
    const errors: unknown[] = [];
    acceptCompactSync(p, (error) => errors.push(error));
    // A v1 update where v2 is expected: the v2 decoder cannot read it.
    const source = new Y.Doc();
    source.getText('body').insert(0, 'not v2');
    expect(() => deliver(p, Y.encodeStateAsUpdate(source))).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(p.synced).toBe(true);
    expect(doc.getText('body').toString()).toBe('kept');
    p.destroy();
  });
});
