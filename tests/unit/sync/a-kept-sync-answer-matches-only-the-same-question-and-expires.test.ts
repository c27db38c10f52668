import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_KEPT_MS, RecentAnswer } from '../../../server/sync/recentAnswer';

// The room's clock and its document changes are covered end to end in
// tests/server/teachers-opening-a-plan-together-get-one-answer-between-them.test.ts; here, what
// counts as the same question, and that nothing is kept for long.
describe('a kept answer to a sync step 1', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const empty = new Uint8Array([0]);

  it('answers the same state vector in the same encoding, and nothing else', () => {
    const kept = new RecentAnswer<string>();
    expect(kept.find(true, empty)).toBeUndefined();
    kept.keep(true, empty, 'v2 answer');
    expect(kept.find(true, new Uint8Array([0]))).toBe('v2 answer');
    expect(kept.find(false, empty)).toBeUndefined();
    expect(kept.find(true, new Uint8Array([1, 7, 3]))).toBeUndefined();
    expect(kept.find(true, new Uint8Array([0, 0]))).toBeUndefined();
  });

  it('keeps its own copy of the state vector, which is a view into a frame that may be reused', () => {
    const kept = new RecentAnswer<string>();
    const frame = new Uint8Array([0, 1, 7, 3]);
    kept.keep(true, frame.subarray(1), 'answer');
    frame.set([1, 9, 9], 1);
    expect(kept.find(true, new Uint8Array([1, 7, 3]))).toBe('answer');
  });

  it('is gone after a moment, when cleared, or when another answer is kept', () => {
    const kept = new RecentAnswer<string>();
    kept.keep(true, empty, 'first');
    vi.advanceTimersByTime(ANSWER_KEPT_MS - 1);
    expect(kept.find(true, empty)).toBe('first');
    vi.advanceTimersByTime(1);
    expect(kept.find(true, empty)).toBeUndefined();

    kept.keep(true, empty, 'second');
    kept.clear();
    expect(kept.find(true, empty)).toBeUndefined();

    kept.keep(true, empty, 'third');
    kept.keep(false, empty, 'fourth');
    expect(kept.find(true, empty)).toBeUndefined();
    expect(kept.find(false, empty)).toBe('fourth');
    // Keeping another answer starts the moment again.
    vi.advanceTimersByTime(ANSWER_KEPT_MS - 1);
    expect(kept.find(false, empty)).toBe('fourth');
    expect(vi.getTimerCount()).toBe(1);
  });
});
