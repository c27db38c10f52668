import { clip, codePoints, fill, oneLine } from './clipText';
import { labelsOf, nameOf, type RoundRecordInput, shortDate } from './roundRecord';
import { FEEDBACK_KINDS, type FeedbackKind, type NextStepView } from './types';

// The round in one line for SMS or WhatsApp (many teachers read feedback on a phone); the A4
// page of the same round is roundRecord.ts.

const firstWord = (name: string) => name.trim().split(/\s+/)[0] ?? name;

/** Open steps, the soonest due first: the one to mention is the one that needs doing next. */
function openSteps(steps: readonly NextStepView[]): NextStepView[] {
  return steps
    .filter((s) => s.status === 'open')
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.createdAt - b.createdAt));
}

/**
 * One line for SMS or WhatsApp, at most `maxLength` code points: who was observed when, how
 * much feedback of which kind, the next open step with its owner and date, and whether the
 * round is developmental. When it is too long, the step text is shortened first, then names,
 * then the rest; the counts and "developmental" are the last to go.
 */
export function roundSummary(input: RoundRecordInput, maxLength = 160): string {
  const l = labelsOf(input);
  const r = input.round;
  const counts = FEEDBACK_KINDS.map((k) => [k, input.threads.filter((t) => t.kind === k).length] as const)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => SUMMARY_KIND_ORDER.indexOf(a) - SUMMARY_KIND_ORDER.indexOf(b))
    .map(([k, n]) => fill(l.summaryCount[k][n === 1 ? 0 : 1], n));
  const feedback = counts.length > 0 ? counts.join(', ') : l.summaryNoFeedback;
  const open = openSteps(input.steps);
  const next = open[0];
  const dev = r.developmental ? ` ${l.summaryDevelopmental}` : '';
  const teacherName = oneLine(nameOf(input, r.teacher));
  const className = oneLine(r.className);

  const compose = (o: { stepChars: number; short: boolean; more: boolean; step: boolean }): string => {
    const who = o.short ? clip(firstWord(teacherName), 16) : teacherName;
    const head = oneLine(
      fill(l.summaryHead, shortDate(r.date, l), who, o.short ? clip(className, 12) : className),
    );
    let line = `${head}: ${feedback}.`;
    if (next && o.step) {
      const owner = o.short ? clip(firstWord(next.owner.name), 16) : oneLine(next.owner.name);
      const text = clip(oneLine(next.text), o.stepChars);
      line += ` ${fill(l.summaryNext, text, owner, shortDate(next.due, l))}`;
      line += o.more && open.length > 1 ? ` ${fill(l.summaryMoreSteps, open.length - 1)}.` : '.';
    } else if (!next && input.steps.length > 0) {
      line += ` ${l.summaryAllDone}`;
    }
    return line + dev;
  };
  const fits = (s: string) => codePoints(s) <= maxLength;
  const MIN_STEP = 12;
  const stepLength = next ? codePoints(oneLine(next.text)) : 0;
  for (const short of [false, true]) {
    for (const more of [true, false]) {
      // The longest step text that still fits, found by what the rest of the line takes.
      const rest = codePoints(compose({ stepChars: 0, short, more, step: true }));
      const room = Math.min(stepLength, maxLength - rest);
      if (room >= Math.min(MIN_STEP, stepLength)) {
        const line = compose({ stepChars: room, short, more, step: true });
        if (fits(line)) return line;
      }
    }
  }
  const withoutStep = compose({ stepChars: 0, short: true, more: false, step: false });
  if (fits(withoutStep)) return withoutStep;
  const devLength = codePoints(dev);
  if (maxLength > devLength + 8)
    return clip(withoutStep.slice(0, withoutStep.length - dev.length), maxLength - devLength) + dev;
  return clip(withoutStep, maxLength);
}

/** Strengths first: the teacher reads what went well before what to change. */
const SUMMARY_KIND_ORDER: readonly FeedbackKind[] = ['strength', 'suggestion', 'question', 'evidence'];
