import { uint53 } from 'lib0/random';
import { isIsoDate } from '../pacesetter/isoDate';
import { ReviewError } from './errors';
import type { Person } from './types';

// The shape of a review document (`<cluster>/review/<roundId>`), and the small checks shared
// by its writers and readers. Writers refuse bad input with ReviewError('invalid'); readers
// accept whatever a buggy or older client wrote and skip what they cannot read.
//
// Root types:
//   threads            Y.Map<threadId, Y.Map>  scalar fields + `comments`: Y.Array<Y.Map>
//   steps              Y.Map<stepId, Y.Map>    scalar fields
//   cycles             Y.Array<object>         one plain record per teaching, never changed
//   discussion.<part>  Y.Text                  one per part, so all three can be written at once
// Root types (not nested ones) for everything that is shared from the start: two replicas that
// create a nested Y.Text or Y.Array under the same key concurrently would keep only one.

export const THREADS = 'threads';
export const STEPS = 'steps';
export const CYCLES = 'cycles';
export const DISCUSSION_PREFIX = 'discussion.';

/** Random, not counted: ids are made offline on several devices at once and must never collide. */
export function newReviewId(prefix: 'th' | 'c' | 's' | 'cy'): string {
  return `${prefix}-${uint53().toString(36).padStart(11, '0')}`;
}

export function invalid(message: string): never {
  throw new ReviewError('invalid', message);
}

export function isPerson(value: unknown): value is Person {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as { id?: unknown; name?: unknown };
  return typeof p.id === 'string' && p.id !== '' && typeof p.name === 'string';
}

/** A plain copy, so that a caller's object with extra fields never lands in the document. */
export function person(value: unknown, what: string): Person {
  if (!isPerson(value)) invalid(`${what} must be a person with an id and a name`);
  return { id: value.id, name: value.name };
}

export function readPerson(value: unknown): Person | undefined {
  return isPerson(value) ? { id: value.id, name: value.name } : undefined;
}

export function nonBlank(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') invalid(`${what} must not be empty`);
  return value;
}

export function isoDate(value: unknown, what: string): string {
  if (!isIsoDate(value)) invalid(`${what} must be a date written YYYY-MM-DD, not ${String(value)}`);
  return value;
}

export function instant(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) invalid(`${what} must be a time in ms`);
  return value;
}

export const isString = (v: unknown): v is string => typeof v === 'string';
export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
