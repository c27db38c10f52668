import * as Y from 'yjs';
import { resolveAnchor, type ResolvedAnchor } from '../../../core/review/anchors';
import type { RoundRecordInput } from '../../../core/review/roundRecord';
import {
  addNextStep,
  addThread,
  discussionText,
  readCycles,
  readDiscussion,
  readNextSteps,
  readThreads,
  replyToThread,
} from '../../../core/review/reviewDoc';
import type { FeedbackKind, FocusArea, Person, RoundInfo } from '../../../core/review/types';
import { ayesha, names, planDoc, rangeOf, round, sipho, thandi } from './fixture';

/** A round with feedback of several kinds, a discussion and next steps, read as the extension would. */
export function recordOf(
  options: {
    round?: Partial<RoundInfo>;
    feedback?: readonly (readonly [FocusArea, FeedbackKind, string])[];
    steps?: readonly (readonly [string, Person, string])[];
    names?: ReadonlyMap<string, string>;
  } = {},
): RoundRecordInput {
  const plan = planDoc();
  const review = new Y.Doc();
  const feedback = options.feedback ?? [
    ['learners', 'strength', 'Every pair had a filter.'],
    ['pedagogy', 'strength', 'Clear instructions.'],
    ['pck', 'strength', 'Linked filtering to water at home.'],
    ['pedagogy', 'suggestion', 'Ask the question before pouring.'],
    ['assessment', 'suggestion', 'Collect the exit tickets.'],
  ];
  feedback.forEach(([focus, kind, body], i) => {
    const id = addThread(review, plan, {
      ...rangeOf(plan, 'in pairs'),
      focus,
      kind,
      body,
      author: thandi,
      at: 10 + i,
    });
    if (i === 0) replyToThread(review, id, { body: 'Thank you.', author: sipho, at: 100 });
  });
  discussionText(review, 'teacher').insert(0, 'The filtering took longer than planned.');
  discussionText(review, 'planners').insert(0, 'Plan 20 minutes next time.');
  discussionText(review, 'observers').insert(0, 'Learners explained clearly.');
  for (const [i, [text, owner, due]] of (
    options.steps ?? [
      ['pair talk', sipho, '2027-03-20'],
      ['bring sand and gravel', ayesha, '2027-03-25'],
    ]
  ).entries())
    addNextStep(review, { text, owner, due, at: 200 + i, ...(owner === sipho ? { supporter: thandi } : {}) });
  const threads = readThreads(review);
  return {
    round: round(options.round),
    names: options.names ?? names,
    planTitle: 'Separating mixtures',
    threads,
    resolved: new Map<string, ResolvedAnchor>(threads.map((t) => [t.id, resolveAnchor(plan, t.anchor)])),
    discussion: readDiscussion(review),
    steps: readNextSteps(review),
    cycles: readCycles(review),
  };
}
