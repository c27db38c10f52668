import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { planText } from '../../../core/plan/planDoc';
import { anchorFor, resolveAnchor } from '../../../core/review/anchors';
import { planDoc, rangeOf, replicaOf, syncAll } from './fixture';

const slice = (doc: Y.Doc, r: ReturnType<typeof resolveAnchor>) =>
  r.state === 'current' ? planText(doc).toString().slice(r.start, r.end) : undefined;

describe('Feedback stays on the words it was given about while the plan is edited', () => {
  it('feedback on "in pairs" still points at "in pairs" after lines are added above it', () => {
    const plan = planDoc();
    const anchor = anchorFor(planText(plan), rangeOf(plan, 'in pairs').start, rangeOf(plan, 'in pairs').end);
    planText(plan).insert(rangeOf(plan, '1.').start, '0. Greet the class.\n');
    expect(slice(plan, resolveAnchor(plan, anchor))).toBe('in pairs');
  });

  it('words a co-author types just before or just after the highlighted words stay outside the feedback', () => {
    const plan = planDoc();
    const { start, end } = rangeOf(plan, 'cloth filter');
    const anchor = anchorFor(planText(plan), start, end);
    planText(plan).insert(end, ' or sieve');
    planText(plan).insert(start, 'clean ');
    expect(slice(plan, resolveAnchor(plan, anchor))).toBe('cloth filter');
  });

  it('words typed inside the highlighted words become part of the feedback range', () => {
    const plan = planDoc();
    const { start, end } = rangeOf(plan, 'cloth filter');
    const anchor = anchorFor(planText(plan), start, end);
    planText(plan).insert(start + 'cloth'.length, ' paper');
    expect(slice(plan, resolveAnchor(plan, anchor))).toBe('cloth paper filter');
  });

  it('when the first and last highlighted words are rewritten, the feedback keeps what is left between them', () => {
    const plan = planDoc();
    const { start, end } = rangeOf(plan, 'a cloth filter');
    const anchor = anchorFor(planText(plan), start, end);
    planText(plan).delete(end - 'filter'.length, 'filter'.length);
    planText(plan).delete(start, 2);
    expect(slice(plan, resolveAnchor(plan, anchor))).toBe('cloth ');
  });

  it('feedback whose words were all deleted is outdated, and says where the words were', () => {
    const plan = planDoc();
    const { start, end } = rangeOf(plan, 'Exit ticket: name two mixtures at home.');
    const anchor = anchorFor(planText(plan), start, end);
    planText(plan).delete(start, end - start);
    expect(resolveAnchor(plan, anchor)).toEqual({ state: 'outdated', at: start });
  });

  it('a co-author rewording every highlighted word on another laptop makes the feedback outdated after sync', () => {
    const a = planDoc(undefined, 1);
    const b = replicaOf(a, 2);
    const { start, end } = rangeOf(a, 'in pairs');
    const anchor = anchorFor(planText(a), start, end);
    planText(b).delete(start, end - start);
    planText(b).insert(start, 'in groups of four');
    syncAll(a, b);
    expect(resolveAnchor(a, anchor)).toEqual({ state: 'outdated', at: start });
    expect(resolveAnchor(b, anchor)).toEqual({ state: 'outdated', at: start });
  });

  it('a teacher whose phone has not yet received the plan text sees the feedback as not yet known, not as outdated', () => {
    const observer = planDoc('', 1);
    const phone = replicaOf(observer, 2);
    planText(observer).insert(0, 'Learners pour muddy water through a cloth filter.');
    const { start, end } = rangeOf(observer, 'cloth filter');
    const anchor = anchorFor(planText(observer), start, end);
    expect(resolveAnchor(phone, anchor)).toEqual({ state: 'unknown' });
    syncAll(observer, phone);
    expect(slice(phone, resolveAnchor(phone, anchor))).toBe('cloth filter');
  });

  it('feedback on words that reached the phone only in part is not yet known until the rest arrives', () => {
    const observer = planDoc('Learners pour water.', 1);
    const phone = replicaOf(observer, 2);
    const before = Y.encodeStateVector(phone);
    planText(observer).insert(rangeOf(observer, 'water').start, 'muddy ');
    const anchor = anchorFor(planText(observer), 0, rangeOf(observer, 'muddy').end);
    expect(resolveAnchor(phone, anchor)).toEqual({ state: 'unknown' });
    Y.applyUpdate(phone, Y.encodeStateAsUpdate(observer, before));
    expect(slice(phone, resolveAnchor(phone, anchor))).toBe('Learners pour muddy');
  });

  it('an update that arrives before the one it builds on leaves the feedback unknown, not broken', () => {
    const observer = planDoc('', 1);
    const phone = replicaOf(observer, 2);
    const updates: Uint8Array[] = [];
    observer.on('update', (u: Uint8Array) => updates.push(u));
    planText(observer).insert(0, 'Learners pour ');
    planText(observer).insert(14, 'muddy water.');
    const anchor = anchorFor(planText(observer), 14, 19);
    Y.applyUpdate(phone, updates[1]!);
    expect(resolveAnchor(phone, anchor)).toEqual({ state: 'unknown' });
    Y.applyUpdate(phone, updates[0]!);
    expect(slice(phone, resolveAnchor(phone, anchor))).toBe('muddy');
  });

  it('unreadable anchor bytes from a buggy client resolve as unknown instead of throwing', () => {
    const plan = planDoc();
    expect(resolveAnchor(plan, { start: new Uint8Array([255, 255, 255]), end: new Uint8Array() })).toEqual({
      state: 'unknown',
    });
  });

  it('feedback must point at some text: an empty or out-of-range selection is refused', () => {
    const text = planText(planDoc('abc'));
    expect(() => anchorFor(text, 1, 1)).toThrow(RangeError);
    expect(() => anchorFor(text, -1, 2)).toThrow(RangeError);
    expect(() => anchorFor(text, 2, 4)).toThrow(RangeError);
    expect(() => anchorFor(text, 0, 3)).not.toThrow();
  });
});
