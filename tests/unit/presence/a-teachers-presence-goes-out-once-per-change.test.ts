import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { LocalPresence } from '../../../core/presence/localPresence';
import type { PresenceState } from '../../../core/presence/presence';

// What leaves a teacher's machine for her presence (name and cursor): y-websocket sends one
// message for every awareness update, so the count of 'update' events is the count of messages.

const user = { name: 'Thandi', school: 'Mbombela Primary', color: '#1a85ff', themeColor: 'charts.blue' };

function setUp() {
  const doc = new Y.Doc();
  const text = doc.getText('body');
  text.insert(0, 'Fractions: halves and quarters');
  const awareness = new Awareness(doc);
  awareness.setLocalState(null);
  const sent: unknown[] = [];
  awareness.on('update', () => sent.push(awareness.getLocalState()));
  const presence = new LocalPresence(awareness, 500);
  const at = (index: number): PresenceState => {
    const rel = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index));
    return { user, cursor: { anchor: rel, head: rel } };
  };
  return { doc, text, awareness, sent, presence, at };
}

describe("a teacher's presence", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends her name and cursor in one message, and nothing when neither changed', () => {
    const { sent, presence, at, awareness } = setUp();
    presence.share(at(3));
    expect(sent).toEqual([at(3)]);
    vi.advanceTimersByTime(600);
    presence.share(at(3));
    presence.share(at(3));
    vi.advanceTimersByTime(600);
    expect(sent).toHaveLength(1);
    awareness.destroy();
  });

  it('sends no cursor while she types: the shared position moves with her text', () => {
    const { sent, presence, at, text, awareness } = setUp();
    presence.share(at(10));
    for (let i = 0; i < 20; i++) {
      text.insert(10 + i, 'x');
      vi.advanceTimersByTime(250); // four keys a second
      presence.share(at(11 + i));
    }
    vi.advanceTimersByTime(600);
    expect(sent).toHaveLength(1);
    awareness.destroy();
  });

  it('sends a cursor that keeps moving at once, then at most once per window, ending where it stopped', () => {
    const { sent, presence, at, awareness } = setUp();
    for (let i = 0; i < 10; i++) {
      presence.share(at(i));
      vi.advanceTimersByTime(40);
    }
    expect(sent).toEqual([at(0)]);
    vi.advanceTimersByTime(600);
    expect(sent).toEqual([at(0), at(9)]);
    expect(awareness.getLocalState()).toEqual(at(9));
    awareness.destroy();
  });

  it('drops a waiting send when the plan closes', () => {
    const { sent, presence, at, awareness } = setUp();
    presence.share(at(1));
    presence.share(at(2));
    presence.dispose();
    vi.advanceTimersByTime(600);
    expect(sent).toEqual([at(1)]);
    awareness.destroy();
  });
});
