import type * as Y from 'yjs';
import { DISCUSSION_PREFIX } from './schema';
import { DISCUSSION_PARTS, type DiscussionPart } from './types';

// The post-lesson discussion, in its fixed order: the teacher reflects first, then the
// planners, then the observers. One Y.Text per part, so the three can be written at the same
// time (and bound to three editors) without touching each other's text.

export function discussionText(review: Y.Doc, part: DiscussionPart): Y.Text {
  if (!(DISCUSSION_PARTS as readonly string[]).includes(part))
    throw new RangeError(`unknown discussion part: ${String(part)}`);
  return review.getText(DISCUSSION_PREFIX + part);
}

export function readDiscussion(review: Y.Doc): Record<DiscussionPart, string> {
  return {
    teacher: discussionText(review, 'teacher').toString(),
    planners: discussionText(review, 'planners').toString(),
    observers: discussionText(review, 'observers').toString(),
  };
}
