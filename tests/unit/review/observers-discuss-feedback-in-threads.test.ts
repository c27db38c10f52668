import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { planText } from '../../../core/plan/planDoc';
import { resolveAnchor } from '../../../core/review/anchors';
import {
  addThread,
  deleteComment,
  editComment,
  readThreads,
  REVIEW_ORIGIN_LOCAL,
  ReviewOrigin,
  replyToThread,
  setThreadFocus,
  setThreadResolved,
} from '../../../core/review/reviewDoc';
import { ayesha, errorCode, planDoc, rangeOf, sipho, syncAll, thandi } from './fixture';

function feedbackOnPairs(review: Y.Doc, plan: Y.Doc, at = 1000) {
  return addThread(review, plan, {
    ...rangeOf(plan, 'in pairs'),
    focus: 'learners',
    kind: 'strength',
    body: 'Every pair had a filter: **all** learners handled the materials.',
    author: thandi,
    at,
  });
}

describe('Observers give feedback on the plan in threads the teacher can answer', () => {
  it("an observer's feedback quotes the words it is about and starts with the observer's comment", () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const id = feedbackOnPairs(review, plan);
    const [thread] = readThreads(review);
    expect(thread).toMatchObject({
      id,
      focus: 'learners',
      kind: 'strength',
      quote: 'in pairs',
      resolved: false,
    });
    expect(thread!.comments).toHaveLength(1);
    expect(thread!.comments[0]).toMatchObject({ author: thandi, at: 1000 });
    expect(thread!.comments[0]!.body).toContain('**all** learners');
    const r = resolveAnchor(plan, thread!.anchor);
    expect(r.state === 'current' && planText(plan).toString().slice(r.start, r.end)).toBe('in pairs');
  });

  it('the teacher replies, the observer corrects her comment, and both read back in order', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const id = feedbackOnPairs(review, plan);
    const reply = replyToThread(review, id, {
      body: 'Thank you, we shared filters.',
      author: sipho,
      at: 2000,
    });
    const first = readThreads(review)[0]!.comments[0]!.id;
    editComment(review, id, first, 'Every pair had a filter.', 3000);
    const comments = readThreads(review)[0]!.comments;
    expect(comments.map((c) => c.body)).toEqual([
      'Every pair had a filter.',
      'Thank you, we shared filters.',
    ]);
    expect(comments[0]).toMatchObject({ editedAt: 3000, at: 1000 });
    expect(comments[1]).toMatchObject({ id: reply, author: sipho });
    expect(comments[1]!.editedAt).toBeUndefined();
  });

  it('deleting a reply keeps the thread; deleting the first comment removes the whole thread', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const id = feedbackOnPairs(review, plan);
    const reply = replyToThread(review, id, { body: 'Noted.', author: sipho, at: 2000 });
    deleteComment(review, id, reply);
    expect(readThreads(review)[0]!.comments).toHaveLength(1);
    deleteComment(review, id, readThreads(review)[0]!.comments[0]!.id);
    expect(readThreads(review)).toEqual([]);
    expect(() => deleteComment(review, id, reply)).not.toThrow();
  });

  it('the teacher resolves a thread and can reopen it', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const id = feedbackOnPairs(review, plan);
    setThreadResolved(review, id, true, sipho);
    expect(readThreads(review)[0]).toMatchObject({ resolved: true, resolvedBy: sipho });
    setThreadResolved(review, id, false, sipho);
    expect(readThreads(review)[0]!.resolved).toBe(false);
    expect(readThreads(review)[0]!.resolvedBy).toBeUndefined();
  });

  it('two people resolving the same thread on two laptops end up with one resolver on both', () => {
    const plan = planDoc();
    const a = new Y.Doc();
    const id = feedbackOnPairs(a, plan);
    const b = new Y.Doc();
    syncAll(a, b);
    setThreadResolved(a, id, true, sipho);
    setThreadResolved(b, id, true, ayesha);
    syncAll(a, b);
    const [ta, tb] = [readThreads(a)[0]!, readThreads(b)[0]!];
    expect(ta).toEqual(tb);
    expect(ta.resolved).toBe(true);
    expect([sipho.id, ayesha.id]).toContain(ta.resolvedBy!.id);
  });

  it('one person reopening while another resolves converges to one state, never "resolved by nobody"', () => {
    const plan = planDoc();
    const a = new Y.Doc();
    const id = feedbackOnPairs(a, plan);
    setThreadResolved(a, id, true, thandi);
    const b = new Y.Doc();
    syncAll(a, b);
    setThreadResolved(a, id, false, sipho);
    setThreadResolved(b, id, true, ayesha);
    syncAll(a, b);
    const t = readThreads(a)[0]!;
    expect(readThreads(b)[0]).toEqual(t);
    expect(t.resolved ? t.resolvedBy : undefined).toEqual(t.resolved ? ayesha : undefined);
  });

  it('replies written at the same time by two observers are both kept', () => {
    const plan = planDoc();
    const a = new Y.Doc();
    const id = feedbackOnPairs(a, plan);
    const b = new Y.Doc();
    syncAll(a, b);
    replyToThread(a, id, { body: 'Agreed.', author: ayesha, at: 2000 });
    replyToThread(b, id, { body: 'Which pairs struggled?', author: sipho, at: 2001 });
    syncAll(a, b);
    expect(readThreads(a)[0]!.comments).toHaveLength(3);
    expect(readThreads(a)).toEqual(readThreads(b));
  });

  it('an observer can move her feedback to another focus area, and an unknown one is refused', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const id = feedbackOnPairs(review, plan);
    setThreadFocus(review, id, 'pck');
    expect(readThreads(review)[0]).toMatchObject({ focus: 'pck', kind: 'strength', quote: 'in pairs' });
    expect(errorCode(() => setThreadFocus(review, id, 'manners' as never))).toBe('invalid');
    expect(errorCode(() => setThreadFocus(review, 'th-gone', 'pck'))).toBe('no-such-thread');
  });

  it('threads read back oldest first', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const later = feedbackOnPairs(review, plan, 5000);
    const earlier = addThread(review, plan, {
      ...rangeOf(plan, 'Exit ticket'),
      focus: 'assessment',
      kind: 'question',
      body: 'How will you use the exit tickets?',
      author: ayesha,
      at: 4000,
    });
    expect(readThreads(review).map((t) => t.id)).toEqual([earlier, later]);
  });

  it('empty feedback, unknown focus or kind, and a selection outside the plan are refused as invalid', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const base = {
      ...rangeOf(plan, 'in pairs'),
      focus: 'learners',
      kind: 'strength',
      author: thandi,
      at: 1,
    } as const;
    expect(errorCode(() => addThread(review, plan, { ...base, body: '   ' }))).toBe('invalid');
    expect(errorCode(() => addThread(review, plan, { ...base, body: 'ok', focus: 'teacher' as never }))).toBe(
      'invalid',
    );
    expect(errorCode(() => addThread(review, plan, { ...base, body: 'ok', kind: 'grade' as never }))).toBe(
      'invalid',
    );
    expect(errorCode(() => addThread(review, plan, { ...base, body: 'ok', start: 5, end: 5 }))).toBe(
      'invalid',
    );
    expect(errorCode(() => addThread(review, plan, { ...base, body: 'ok', end: 100_000 }))).toBe('invalid');
    expect(
      errorCode(() => addThread(review, plan, { ...base, body: 'ok', author: { id: '', name: 'x' } })),
    ).toBe('invalid');
    expect(readThreads(review)).toEqual([]);
  });

  it('answering, editing or resolving a thread a colleague deleted says there is no such thread', () => {
    const review = new Y.Doc();
    expect(errorCode(() => replyToThread(review, 'th-gone', { body: 'hi', author: sipho, at: 1 }))).toBe(
      'no-such-thread',
    );
    expect(errorCode(() => editComment(review, 'th-gone', 'c-gone', 'hi', 1))).toBe('no-such-thread');
    expect(errorCode(() => setThreadResolved(review, 'th-gone', true, sipho))).toBe('no-such-thread');
    const plan = planDoc();
    const id = feedbackOnPairs(review, plan);
    expect(errorCode(() => editComment(review, id, 'c-gone', 'hi', 1))).toBe('no-such-thread');
    expect(errorCode(() => replyToThread(review, id, { body: '', author: sipho, at: 1 }))).toBe('invalid');
  });

  it('every change is one transaction carrying its origin, so an editor can tell its own changes', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    const mine = new ReviewOrigin('Thandi in VS Code');
    const origins: unknown[] = [];
    review.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
    const id = addThread(
      review,
      plan,
      {
        ...rangeOf(plan, 'in pairs'),
        focus: 'pck',
        kind: 'suggestion',
        body: 'Try groups of three.',
        author: thandi,
        at: 1,
      },
      mine,
    );
    replyToThread(review, id, { body: 'Will try.', author: sipho, at: 2 });
    expect(origins).toEqual([mine, REVIEW_ORIGIN_LOCAL]);
  });
});
