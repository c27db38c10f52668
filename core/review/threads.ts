import * as Y from 'yjs';
import { planText } from '../plan/planDoc';
import { anchorFor } from './anchors';
import { ReviewError } from './errors';
import { REVIEW_ORIGIN_LOCAL } from './origin';
import {
  instant,
  invalid,
  isString,
  isTime,
  newReviewId,
  nonBlank,
  person,
  readPerson,
  THREADS,
} from './schema';
import {
  FEEDBACK_KINDS,
  FOCUS_AREAS,
  type FeedbackComment,
  type FeedbackKind,
  type FocusArea,
  type Person,
  type ThreadView,
} from './types';

// Feedback threads. A thread is a Y.Map of scalar fields, so an observer resolving it and
// another one changing nothing else never lose each other's change; its comments are a Y.Array
// of Y.Maps, so replies from two observers at once are both kept and an edit changes one body.
// The resolution is one field ({ by } or null), not two: "resolved" and "resolved by" written by
// two people at once could otherwise end up mixed (resolved, by nobody).

export interface NewThread {
  readonly start: number;
  readonly end: number;
  readonly focus: FocusArea;
  readonly kind: FeedbackKind;
  readonly body: string;
  readonly author: Person;
  readonly at: number;
}

const threadsOf = (review: Y.Doc) => review.getMap<unknown>(THREADS);

const isFocus = (v: unknown): v is FocusArea => (FOCUS_AREAS as readonly unknown[]).includes(v);
const isKind = (v: unknown): v is FeedbackKind => (FEEDBACK_KINDS as readonly unknown[]).includes(v);

function commentMap(id: string, author: Person, body: string, at: number): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['id', id],
    ['author', author],
    ['body', body],
    ['at', at],
  ]);
}

/** Anchors new feedback on plan text [start, end) and returns the thread's id. */
export function addThread(
  review: Y.Doc,
  plan: Y.Doc,
  input: NewThread,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): string {
  if (!isFocus(input.focus)) invalid(`unknown focus area: ${String(input.focus)}`);
  if (!isKind(input.kind)) invalid(`unknown kind of feedback: ${String(input.kind)}`);
  const body = nonBlank(input.body, 'the feedback');
  const author = person(input.author, 'the author');
  const at = instant(input.at, 'the time of the feedback');
  const text = planText(plan);
  const { start, end } = input;
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= text.length))
    invalid(
      `feedback must point at some text of the plan (0 <= start < end <= ${text.length}), not ${start}..${end}`,
    );
  const anchor = anchorFor(text, start, end);
  const quote = text.toString().slice(start, end);
  const id = newReviewId('th');
  review.transact(() => {
    const thread = new Y.Map<unknown>();
    threadsOf(review).set(id, thread);
    thread.set('id', id);
    thread.set('focus', input.focus);
    thread.set('kind', input.kind);
    thread.set('quote', quote);
    thread.set('start', anchor.start);
    thread.set('end', anchor.end);
    thread.set('createdAt', at);
    thread.set('resolution', null);
    const comments = new Y.Array<Y.Map<unknown>>();
    thread.set('comments', comments);
    comments.push([commentMap(newReviewId('c'), author, body, at)]);
  }, origin);
  return id;
}

function threadMap(review: Y.Doc, threadId: string): Y.Map<unknown> {
  const thread = threadsOf(review).get(threadId);
  if (!(thread instanceof Y.Map)) throw new ReviewError('no-such-thread', `no feedback thread ${threadId}`);
  return thread;
}

function commentsOf(thread: Y.Map<unknown>): Y.Array<unknown> | undefined {
  const comments = thread.get('comments');
  return comments instanceof Y.Array ? comments : undefined;
}

export function replyToThread(
  review: Y.Doc,
  threadId: string,
  comment: { body: string; author: Person; at: number },
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): string {
  const body = nonBlank(comment.body, 'the reply');
  const author = person(comment.author, 'the author');
  const at = instant(comment.at, 'the time of the reply');
  const thread = threadMap(review, threadId);
  const id = newReviewId('c');
  review.transact(() => {
    let comments = commentsOf(thread);
    if (!comments) {
      comments = new Y.Array<unknown>();
      thread.set('comments', comments);
    }
    comments.push([commentMap(id, author, body, at)]);
  }, origin);
  return id;
}

/** The index of a comment in its array, or -1; comments that cannot be read are not found. */
function findComment(thread: Y.Map<unknown>, commentId: string): { index: number; first: boolean } {
  const comments = commentsOf(thread)?.toArray() ?? [];
  let firstReadable = -1;
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i];
    if (!(c instanceof Y.Map) || readComment(c) === undefined) continue;
    if (firstReadable < 0) firstReadable = i;
    if (c.get('id') === commentId) return { index: i, first: i === firstReadable };
  }
  return { index: -1, first: false };
}

/** Throws ReviewError('no-such-thread') when the thread or the comment is gone (a colleague may have deleted it). */
export function editComment(
  review: Y.Doc,
  threadId: string,
  commentId: string,
  body: string,
  at: number,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  const text = nonBlank(body, 'the comment');
  const when = instant(at, 'the time of the edit');
  const thread = threadMap(review, threadId);
  const { index } = findComment(thread, commentId);
  if (index < 0) throw new ReviewError('no-such-thread', `no comment ${commentId} in thread ${threadId}`);
  const comment = commentsOf(thread)!.get(index) as Y.Map<unknown>;
  review.transact(() => {
    comment.set('body', text);
    comment.set('editedAt', when);
  }, origin);
}

/**
 * Deleting the first comment deletes the whole thread (the first comment is the feedback; the
 * rest are replies to it). Deleting what is already gone does nothing: a colleague may have
 * deleted it a moment before.
 */
export function deleteComment(
  review: Y.Doc,
  threadId: string,
  commentId: string,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  const thread = threadsOf(review).get(threadId);
  if (!(thread instanceof Y.Map)) return;
  const { index, first } = findComment(thread, commentId);
  if (index < 0) return;
  review.transact(() => {
    if (first) threadsOf(review).delete(threadId);
    else commentsOf(thread)!.delete(index, 1);
  }, origin);
}

export function setThreadResolved(
  review: Y.Doc,
  threadId: string,
  resolved: boolean,
  by: Person,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  const who = person(by, 'the person resolving');
  const thread = threadMap(review, threadId);
  review.transact(() => thread.set('resolution', resolved ? { by: who } : null), origin);
}

/** Changes what a thread is about; the comments and anchor stay as they are. */
export function setThreadFocus(
  review: Y.Doc,
  threadId: string,
  focus: FocusArea,
  origin: unknown = REVIEW_ORIGIN_LOCAL,
): void {
  if (!isFocus(focus)) invalid(`unknown focus area: ${String(focus)}`);
  const thread = threadMap(review, threadId);
  review.transact(() => thread.set('focus', focus), origin);
}

function readComment(m: Y.Map<unknown>): FeedbackComment | undefined {
  const id = m.get('id');
  const author = readPerson(m.get('author'));
  const body = m.get('body');
  const at = m.get('at');
  if (!isString(id) || !author || !isString(body) || !isTime(at)) return undefined;
  const editedAt = m.get('editedAt');
  return isTime(editedAt) ? { id, author, body, at, editedAt } : { id, author, body, at };
}

function readThread(key: string, m: unknown): ThreadView | undefined {
  if (!(m instanceof Y.Map)) return undefined;
  const focus = m.get('focus');
  const kind = m.get('kind');
  const quote = m.get('quote');
  const start = m.get('start');
  const end = m.get('end');
  const createdAt = m.get('createdAt');
  if (!isFocus(focus) || !isKind(kind) || !isString(quote) || !isTime(createdAt)) return undefined;
  if (!(start instanceof Uint8Array && end instanceof Uint8Array)) return undefined;
  const comments: FeedbackComment[] = [];
  for (const c of commentsOf(m)?.toArray() ?? []) {
    const comment = c instanceof Y.Map ? readComment(c) : undefined;
    if (comment) comments.push(comment);
  }
  // A thread is its first comment: without one there is no feedback to show.
  if (comments.length === 0) return undefined;
  const resolution = m.get('resolution') as { by?: unknown } | null | undefined;
  const resolvedBy =
    typeof resolution === 'object' && resolution !== null ? readPerson(resolution.by) : undefined;
  const base = { id: key, focus, kind, quote, anchor: { start, end }, comments, createdAt };
  return resolvedBy ? { ...base, resolved: true, resolvedBy } : { ...base, resolved: false };
}

/** Every readable thread, oldest first. */
export function readThreads(review: Y.Doc): ThreadView[] {
  const threads: ThreadView[] = [];
  for (const [key, value] of threadsOf(review).entries()) {
    const thread = readThread(key, value);
    if (thread) threads.push(thread);
  }
  return threads.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
