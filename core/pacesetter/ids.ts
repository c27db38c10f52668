import { uint53 } from 'lib0/random';

/** Random, not counted: ids are made offline on several devices at once and must never collide or be reused. */
export function newId(prefix: 'e' | 't'): string {
  return `${prefix}-${uint53().toString(36).padStart(11, '0')}`;
}
