import * as Y from 'yjs';
import { compareDates } from '../pacesetter/isoDate';
import { ReviewError } from './errors';
import { REVIEW_ORIGIN_LOCAL } from './origin';
import {
  instant,
  isoDate,
  isString,
  isTime,
  newReviewId,
  nonBlank,
  person,
  readPerson,
  STEPS,
} from './schema';
import type { NextStepView, Person } from './types';

// Agreed next steps, tracked until they are done (DOMAIN.md practice 5: gains fade without
// follow-up). Each step is a Y.Map of scalar fields, so the owner moving the due date and the
// supporter rewording the step at the same moment both keep their change. Closing is one
// field ({ outcome, at, by } or null): a step is done with the outcome, time and person of one
// closing, never a mixture of two people's.

export interface NewStep {
  readonly text: string;
  readonly owner: Person;
  readonly due: string;
  readonly supporter?: Person;
  readonly at: number;
}

/** What can be changed on a step after it was agreed; `supporter: null` removes the supporter. */
export interface StepChanges {
  readonly text?: string;
  readonly owner?: Person;
  readonly due?: string;
  readonly supporter?: Person | null;
}

const stepsOf = (review: Y.Doc) => review.getMap<unknown>(STEPS);

function stepMap(review: Y.Doc, stepId: string): Y.Map<unknown> {
  const step = stepsOf(review).get(stepId);
  if (!(step instanceof Y.Map)) throw new ReviewError('no-such-step', `no next step ${stepId}`);
  return step;
}

export function addNextStep(review: Y.Doc, step: NewStep, origin: unknown = REVIEW_ORIGIN_LOCAL): string {
  const text = nonBlank(step.text, 'the next step');
  const owner = person(step.owner, 'the owner of the step');
  const due = isoDate(step.due, 'the due date');
  const supporter = step.supporter === undefined ? null : person(step.supporter, 'the supporter');
  const at = instant(step.at, 'the time the step was agreed');
  const id = newReviewId('s');
  review.transact(() => {
    const m = new Y.Map<unknown>();
    stepsOf(review).set(id, m);
    m.set('id', id);
    m.set('text', text);
    m.set('owner', owner);
    m.set('due', due);
    m.set('supporter', supporter);
    m.set('createdAt', at);
    m.set('closed', null);
  }, origin);
  return id;
}

/** Changes only the fields given, so a colleague's concurrent change to another field is kept. */
export function editNextStep(
  review: Y.Doc,
  stepId: string,
  changes: StepChanges,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  const fields: [string, unknown][] = [];
  if (changes.text !== undefined) fields.push(['text', nonBlank(changes.text, 'the next step')]);
  if (changes.owner !== undefined) fields.push(['owner', person(changes.owner, 'the owner of the step')]);
  if (changes.due !== undefined) fields.push(['due', isoDate(changes.due, 'the due date')]);
  if (changes.supporter !== undefined)
    fields.push([
      'supporter',
      changes.supporter === null ? null : person(changes.supporter, 'the supporter'),
    ]);
  const m = stepMap(review, stepId);
  if (fields.length === 0) return;
  review.transact(() => {
    for (const [key, value] of fields) m.set(key, value);
  }, origin);
}

/** A step is done only with a word on how it went; a blank outcome is refused and nothing changes. */
export function closeNextStep(
  review: Y.Doc,
  stepId: string,
  outcome: string,
  by: Person,
  at: number,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  if (typeof outcome !== 'string' || outcome.trim() === '')
    throw new ReviewError('outcome-required', 'say what came of the step before closing it');
  const who = person(by, 'the person closing the step');
  const when = instant(at, 'the time the step was closed');
  const m = stepMap(review, stepId);
  review.transact(() => m.set('closed', { outcome: outcome.trim(), at: when, by: who }), origin);
}

export function reopenNextStep(review: Y.Doc, stepId: string, origin: unknown = REVIEW_ORIGIN_LOCAL): void {
  const m = stepMap(review, stepId);
  review.transact(() => m.set('closed', null), origin);
}

function readClosed(value: unknown): { outcome: string; closedAt: number; closedBy: Person } | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as { outcome?: unknown; at?: unknown; by?: unknown };
  const closedBy = readPerson(c.by);
  if (!isString(c.outcome) || !isTime(c.at) || !closedBy) return undefined;
  return { outcome: c.outcome, closedAt: c.at, closedBy };
}

function readStep(key: string, m: unknown): NextStepView | undefined {
  if (!(m instanceof Y.Map)) return undefined;
  const text = m.get('text');
  const owner = readPerson(m.get('owner'));
  const due = m.get('due');
  const createdAt = m.get('createdAt');
  if (!isString(text) || !owner || !isString(due) || !isTime(createdAt)) return undefined;
  const supporter = readPerson(m.get('supporter'));
  const closed = readClosed(m.get('closed'));
  return {
    id: key,
    text,
    owner,
    due,
    ...(supporter ? { supporter } : {}),
    status: closed ? 'done' : 'open',
    ...(closed ?? {}),
    createdAt,
  };
}

/** Every readable step, in the order they were agreed (a list that does not jump when a step is closed). */
export function readNextSteps(review: Y.Doc): NextStepView[] {
  const steps: NextStepView[] = [];
  for (const [key, value] of stepsOf(review).entries()) {
    const step = readStep(key, value);
    if (step) steps.push(step);
  }
  return steps.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Open and due before today: the step has slipped and someone should ask how to help. */
export function isOverdue(step: NextStepView, today: string): boolean {
  return step.status === 'open' && compareDates(step.due, today) < 0;
}
