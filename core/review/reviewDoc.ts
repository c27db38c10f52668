// The review document of one observation round (`<cluster>/review/<roundId>`): feedback
// threads anchored in the plan, the post-lesson discussion, agreed next steps and lesson-study
// cycles. One module to import; each idea lives in its own file (see schema.ts for the shape).
// Every write is one transaction with an origin (REVIEW_ORIGIN_LOCAL when none is given).

export { type NewCycle, readCycles, recordCycle } from './cycles';
export { discussionText, readDiscussion } from './discussion';
export { ReviewError, type ReviewErrorCode } from './errors';
export {
  addNextStep,
  closeNextStep,
  editNextStep,
  isOverdue,
  type NewStep,
  readNextSteps,
  reopenNextStep,
  type StepChanges,
} from './nextSteps';
export { REVIEW_ORIGIN_LOCAL, ReviewOrigin } from './origin';
export {
  addThread,
  deleteComment,
  editComment,
  type NewThread,
  readThreads,
  replyToThread,
  setThreadFocus,
  setThreadResolved,
} from './threads';
