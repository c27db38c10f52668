import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNextStep,
  closeNextStep,
  editNextStep,
  isOverdue,
  type NewStep,
  readNextSteps,
  reopenNextStep,
} from '../../../core/review/reviewDoc';
import { ayesha, errorCode, sipho, syncAll, thandi } from './fixture';

const pairTalk: NewStep = {
  text: 'Use think-pair-share before the whole-class question',
  owner: sipho,
  due: '2027-03-20',
  supporter: thandi,
  at: 1000,
};

describe('Agreed next steps are tracked until they are done, with what came of them', () => {
  it('a step agreed after the lesson reads back open, with its owner, supporter and due date', () => {
    const review = new Y.Doc();
    const id = addNextStep(review, pairTalk);
    expect(readNextSteps(review)).toEqual([
      {
        id,
        text: pairTalk.text,
        owner: sipho,
        due: '2027-03-20',
        supporter: thandi,
        status: 'open',
        createdAt: 1000,
      },
    ]);
  });

  it('a step cannot be closed without saying how it went: a blank outcome is refused and nothing changes', () => {
    const review = new Y.Doc();
    const id = addNextStep(review, pairTalk);
    const before = Y.encodeStateVector(review);
    expect(errorCode(() => closeNextStep(review, id, '  \n ', sipho, 2000))).toBe('outcome-required');
    expect(errorCode(() => closeNextStep(review, id, '', sipho, 2000))).toBe('outcome-required');
    expect(Y.encodeStateVector(review)).toEqual(before);
    expect(readNextSteps(review)[0]!.status).toBe('open');
  });

  it('closing with an outcome marks the step done, by whom and when; reopening makes it open again', () => {
    const review = new Y.Doc();
    const id = addNextStep(review, pairTalk);
    closeNextStep(review, id, 'Tried on Tuesday; the quiet learners spoke.', thandi, 2000);
    expect(readNextSteps(review)[0]).toMatchObject({
      status: 'done',
      outcome: 'Tried on Tuesday; the quiet learners spoke.',
      closedAt: 2000,
      closedBy: thandi,
    });
    reopenNextStep(review, id);
    const step = readNextSteps(review)[0]!;
    expect(step.status).toBe('open');
    expect(step.outcome).toBeUndefined();
    expect(step.closedBy).toBeUndefined();
  });

  it('a step is overdue only while it is open and its due date has passed', () => {
    const review = new Y.Doc();
    const id = addNextStep(review, pairTalk);
    const step = () => readNextSteps(review)[0]!;
    expect(isOverdue(step(), '2027-03-19')).toBe(false);
    expect(isOverdue(step(), '2027-03-20')).toBe(false);
    expect(isOverdue(step(), '2027-03-21')).toBe(true);
    closeNextStep(review, id, 'Done in week 9.', sipho, 3000);
    expect(isOverdue(step(), '2027-04-30')).toBe(false);
  });

  it('the owner moving the due date and the supporter rewording the step on two phones both keep their change', () => {
    const a = new Y.Doc();
    const id = addNextStep(a, pairTalk);
    const b = new Y.Doc();
    syncAll(a, b);
    editNextStep(a, id, { due: '2027-03-27' });
    editNextStep(b, id, { text: 'Use think-pair-share in every lesson this week' });
    syncAll(a, b);
    expect(readNextSteps(a)).toEqual(readNextSteps(b));
    expect(readNextSteps(a)[0]).toMatchObject({
      due: '2027-03-27',
      text: 'Use think-pair-share in every lesson this week',
    });
  });

  it('closing a step while a colleague moves its due date keeps both the outcome and the new date', () => {
    const a = new Y.Doc();
    const id = addNextStep(a, pairTalk);
    const b = new Y.Doc();
    syncAll(a, b);
    closeNextStep(a, id, 'Done.', sipho, 2000);
    editNextStep(b, id, { due: '2027-03-27', supporter: ayesha });
    syncAll(a, b);
    expect(readNextSteps(b)[0]).toMatchObject({
      status: 'done',
      outcome: 'Done.',
      due: '2027-03-27',
      supporter: ayesha,
    });
  });

  it('steps read back in the order they were agreed, and the list does not jump when one is closed', () => {
    const review = new Y.Doc();
    const first = addNextStep(review, pairTalk);
    const second = addNextStep(review, {
      text: 'Bring sand and gravel',
      owner: ayesha,
      due: '2027-03-14',
      at: 1100,
    });
    closeNextStep(review, first, 'Done.', sipho, 2000);
    expect(readNextSteps(review).map((s) => s.id)).toEqual([first, second]);
    expect(readNextSteps(review)[1]!.supporter).toBeUndefined();
  });

  it('a step needs words, an owner and a real due date', () => {
    const review = new Y.Doc();
    expect(errorCode(() => addNextStep(review, { ...pairTalk, text: ' ' }))).toBe('invalid');
    expect(errorCode(() => addNextStep(review, { ...pairTalk, due: '2027-02-30' }))).toBe('invalid');
    expect(errorCode(() => addNextStep(review, { ...pairTalk, due: '20/03/2027' }))).toBe('invalid');
    expect(errorCode(() => addNextStep(review, { ...pairTalk, owner: { name: 'x' } as never }))).toBe(
      'invalid',
    );
    expect(readNextSteps(review)).toEqual([]);
  });

  it('closing, reopening or changing a step that is gone says there is no such step', () => {
    const review = new Y.Doc();
    expect(errorCode(() => closeNextStep(review, 's-gone', 'Done.', sipho, 1))).toBe('no-such-step');
    expect(errorCode(() => reopenNextStep(review, 's-gone'))).toBe('no-such-step');
    expect(errorCode(() => editNextStep(review, 's-gone', { due: '2027-03-27' }))).toBe('no-such-step');
  });
});
