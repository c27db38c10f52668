import { isIsoDate } from '../pacesetter/isoDate';
import { escapeHtml } from '../pacesetter/printHtml';
import type { ResolvedAnchor } from './anchors';
import { clip, codePoints, fill, oneLine } from './clipText';
import { isOverdue } from './nextSteps';
import {
  type CycleView,
  DISCUSSION_PARTS,
  type DiscussionPart,
  FOCUS_AREAS,
  type FeedbackKind,
  type FocusArea,
  type NextStepView,
  type RoundInfo,
  type ThreadView,
} from './types';

// The record of an observation round for paper and phones (paper still matters; many teachers
// read feedback on a phone by SMS or WhatsApp): one A4 portrait page to print and sign, here,
// and one line to send (roundSummary.ts), both from the same input and words. Every value is escaped and the page loads nothing: the text comes from shared
// documents, and a printed page must never run anything. Long rounds are clipped with a count
// of what was left out, so the page stays one page and says that there is more.

/** The words of the record, translated by the caller (core/ has no l10n of its own). `{0}` is replaced. */
export interface RecordLabels {
  readonly title: string;
  readonly developmental: string;
  readonly plan: string;
  readonly teacher: string;
  readonly school: string;
  readonly className: string;
  readonly date: string;
  readonly observers: string;
  readonly focusQuestions: string;
  readonly feedback: string;
  readonly focus: Readonly<Record<FocusArea, string>>;
  readonly kind: Readonly<Record<FeedbackKind, string>>;
  readonly resolved: string;
  readonly outdated: string;
  readonly noFeedback: string;
  /** `{0}` how many were left out */
  readonly more: string;
  /** `{0}` how many replies were left out */
  readonly moreReplies: string;
  readonly discussion: string;
  readonly discussionPart: Readonly<Record<DiscussionPart, string>>;
  readonly nothingWritten: string;
  readonly nextSteps: string;
  readonly step: string;
  readonly owner: string;
  readonly due: string;
  readonly supporter: string;
  readonly status: string;
  readonly open: string;
  readonly done: string;
  readonly overdue: string;
  readonly noSteps: string;
  readonly cycles: string;
  readonly cycle: string;
  readonly taughtOn: string;
  readonly note: string;
  readonly signatures: string;
  readonly signTeacher: string;
  readonly signObservers: string;
  readonly signDate: string;
  /** The one-line summary: `{0}` date, `{1}` teacher, `{2}` class. */
  readonly summaryHead: string;
  /** Per kind, `{0}` the count: [one, more than one]. */
  readonly summaryCount: Readonly<Record<FeedbackKind, readonly [string, string]>>;
  readonly summaryNoFeedback: string;
  /** `{0}` step, `{1}` owner, `{2}` due date */
  readonly summaryNext: string;
  /** `{0}` how many more open steps */
  readonly summaryMoreSteps: string;
  readonly summaryAllDone: string;
  readonly summaryDevelopmental: string;
  /** Short month names, January first, for dates in the summary. */
  readonly months: readonly string[];
}

export const ENGLISH_RECORD_LABELS: RecordLabels = {
  title: 'Lesson observation record',
  developmental: 'Developmental — not for appraisal',
  plan: 'Lesson plan',
  teacher: 'Teacher',
  school: 'School',
  className: 'Class',
  date: 'Date',
  observers: 'Observers',
  focusQuestions: 'Focus questions',
  feedback: 'Feedback',
  focus: {
    content: 'Content knowledge',
    pedagogy: 'Pedagogy',
    pck: 'Pedagogical content knowledge',
    learners: 'Learners',
    resources: 'Resources',
    assessment: 'Assessment',
  },
  kind: { evidence: 'Evidence', strength: 'Strength', suggestion: 'Suggestion', question: 'Question' },
  resolved: 'resolved',
  outdated: 'the plan text has changed since',
  noFeedback: 'No feedback recorded.',
  more: '… and {0} more',
  moreReplies: '+{0} more replies',
  discussion: 'Post-lesson discussion',
  discussionPart: { teacher: 'Teacher reflects', planners: 'Planners', observers: 'Observers' },
  nothingWritten: '—',
  nextSteps: 'Next steps',
  step: 'Step',
  owner: 'Owner',
  due: 'Due',
  supporter: 'Supported by',
  status: 'Status / outcome',
  open: 'open',
  done: 'done',
  overdue: 'overdue',
  noSteps: 'No next steps agreed.',
  cycles: 'Lesson study cycles',
  cycle: 'Cycle',
  taughtOn: 'Taught on',
  note: 'Note',
  signatures: 'Signatures',
  signTeacher: 'Teacher',
  signObservers: 'Observers',
  signDate: 'Date',
  summaryHead: 'Obs {0} {1} {2}',
  summaryCount: {
    strength: ['{0} strength', '{0} strengths'],
    suggestion: ['{0} suggestion', '{0} suggestions'],
    question: ['{0} question', '{0} questions'],
    evidence: ['{0} evidence note', '{0} evidence notes'],
  },
  summaryNoFeedback: 'no feedback yet',
  summaryNext: 'Next: {0} ({1}, {2})',
  summaryMoreSteps: '+{0} more',
  summaryAllDone: 'All next steps done.',
  summaryDevelopmental: 'Developmental.',
  months: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

export interface RoundRecordInput {
  readonly round: RoundInfo;
  /** member id -> name */
  readonly names: ReadonlyMap<string, string>;
  readonly planTitle: string;
  readonly threads: readonly ThreadView[];
  /** By thread id; a thread whose anchor is outdated is marked so. */
  readonly resolved: ReadonlyMap<string, ResolvedAnchor>;
  readonly discussion: Record<DiscussionPart, string>;
  readonly steps: readonly NextStepView[];
  readonly cycles: readonly CycleView[];
  /** Translated words; English for any left out. */
  readonly labels?: Partial<RecordLabels>;
  /** YYYY-MM-DD: when given, open steps due before it are marked overdue. */
  readonly today?: string;
}

/** How much of a long round fits on one page. */
export interface RecordLimits {
  readonly threads: number;
  readonly repliesPerThread: number;
  readonly commentChars: number;
  readonly quoteChars: number;
  readonly discussionChars: number;
  readonly steps: number;
  readonly stepChars: number;
  readonly cycles: number;
  readonly noteChars: number;
  readonly focusQuestions: number;
}

export const RECORD_LIMITS: RecordLimits = {
  threads: 8,
  repliesPerThread: 2,
  commentChars: 280,
  quoteChars: 120,
  discussionChars: 500,
  steps: 8,
  stepChars: 160,
  cycles: 4,
  noteChars: 160,
  focusQuestions: 4,
};

/** When feedback would be squeezed to a few threads, the other sections give up some room. */
const COMPACT_LIMITS: RecordLimits = {
  ...RECORD_LIMITS,
  repliesPerThread: 1,
  commentChars: 200,
  discussionChars: 240,
  steps: 5,
  stepChars: 100,
  cycles: 3,
  noteChars: 100,
  focusQuestions: 3,
};

/** Fewer threads than this on the page (when there are more) makes the record compact. */
const MIN_THREADS = 4;

export const ROUND_RECORD_CSS = `
@page { size: A4; margin: 12mm; }
html, body { margin: 0; padding: 0; }
body { font: 8.5pt/1.3 "Segoe UI", "Noto Sans", "Noto Nastaliq Urdu", Arial, sans-serif; color: #000; background: #fff; }
.cl-page { height: 270mm; display: flex; flex-direction: column; overflow: hidden; }
.cl-content { flex: 1 1 auto; min-height: 0; overflow: hidden; } .cl-page > footer { flex: none; }
h1 { font-size: 13pt; margin: 0 0 3pt; } h2 { font-size: 10pt; margin: 6pt 0 2pt; border-bottom: 1px solid #999; page-break-after: avoid; }
h3 { font-size: 8.5pt; margin: 3pt 0 1pt; }
.cl-developmental { border: 2px solid #000; font-size: 11pt; font-weight: 700; text-align: center; padding: 2pt; margin: 0 0 4pt; }
.cl-meta { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1pt 10pt; margin: 0; }
.cl-meta dt { font-size: 7pt; text-transform: uppercase; color: #444; } .cl-meta dd { margin: 0; overflow-wrap: anywhere; }
ol, ul { margin: 0; padding-left: 12pt; }
.cl-thread { margin: 0 0 3pt; page-break-inside: avoid; }
.cl-kind { font-size: 7pt; font-weight: 700; text-transform: uppercase; border: 1px solid #000; padding: 0 2pt; }
.cl-quote { font-style: italic; } .cl-flag { font-size: 7pt; color: #444; }
.cl-comment, .cl-text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }
.cl-author { font-weight: 600; } .cl-more { color: #444; font-style: italic; margin: 1pt 0; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid #666; padding: 1pt 3pt; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; font-weight: 600; } tr { page-break-inside: avoid; }
.cl-signatures { display: flex; gap: 10mm; margin-top: 18pt; }
.cl-signatures div { flex: 1; border-top: 1px solid #000; padding-top: 2pt; font-size: 7.5pt; }
`;

export function labelsOf(input: RoundRecordInput): RecordLabels {
  return { ...ENGLISH_RECORD_LABELS, ...input.labels };
}

export function nameOf(input: RoundRecordInput, id: string): string {
  return input.names.get(id) ?? id;
}

/** Takes threads in turn from each focus area, so a long round still shows every area it touched. */
function pickThreads(threads: readonly ThreadView[], limit: number): Map<FocusArea, ThreadView[]> {
  const queues = new Map<FocusArea, ThreadView[]>(
    FOCUS_AREAS.map((f) => [
      f,
      threads.filter((t) => t.focus === f).sort((a, b) => a.createdAt - b.createdAt),
    ]),
  );
  const picked = new Map<FocusArea, ThreadView[]>(FOCUS_AREAS.map((f) => [f, []]));
  let left = limit;
  for (let round = 0; left > 0; round++) {
    let any = false;
    for (const f of FOCUS_AREAS) {
      const t = queues.get(f)![round];
      if (!t || left === 0) continue;
      picked.get(f)!.push(t);
      left--;
      any = true;
    }
    if (!any) break;
  }
  return picked;
}

// Each block says roughly how many lines of print it takes (about 120 characters a line at
// 8.5pt across A4 less its margins), so that the page can leave out threads, the least
// compressible part, until everything else still fits. The page also clips at its bottom edge,
// keeping the signature lines, as a last resort if the estimate is wrong.
const CHARS_PER_LINE = 120;
const PAGE_LINES = 68;
const SIGNATURE_LINES = 5;
const HEADING_LINES = 2;
const linesOf = (text: string, width = 1) =>
  Math.max(1, Math.ceil(codePoints(text) / (CHARS_PER_LINE * width)));

interface Block {
  readonly html: string;
  readonly lines: number;
}

type Shown = Block & { readonly shown: number };

function threadBlock(input: RoundRecordInput, t: ThreadView, l: RecordLabels, lim: RecordLimits): Block {
  const flags: string[] = [];
  if (t.resolved) flags.push(l.resolved);
  if (input.resolved.get(t.id)?.state === 'outdated') flags.push(l.outdated);
  const flag = flags.length ? ` <span class="cl-flag">(${escapeHtml(flags.join('; '))})</span>` : '';
  const [first, ...replies] = t.comments;
  const shown = first ? [first, ...replies.slice(0, lim.repliesPerThread)] : [];
  let lines = 1.3;
  const comments = shown
    .map((c) => {
      const body = clip(c.body.trim(), lim.commentChars);
      lines += linesOf(`${c.author.name}: ${body}`);
      return `<p class="cl-comment" dir="auto"><span class="cl-author">${escapeHtml(c.author.name)}:</span> ${escapeHtml(body)}</p>`;
    })
    .join('');
  const hidden = replies.length - lim.repliesPerThread;
  const more = hidden > 0 ? `<p class="cl-more">${escapeHtml(fill(l.moreReplies, hidden))}</p>` : '';
  if (hidden > 0) lines += 1;
  const quote = escapeHtml(clip(oneLine(t.quote), lim.quoteChars));
  return {
    html: `<div class="cl-thread"><span class="cl-kind">${escapeHtml(l.kind[t.kind])}</span> <span class="cl-quote" dir="auto">“${quote}”</span>${flag}${comments}${more}</div>`,
    lines,
  };
}

/** Feedback grouped by focus area: as many threads as fit in `budget` lines (at least one). */
function feedbackBlock(input: RoundRecordInput, l: RecordLabels, lim: RecordLimits, budget: number): Shown {
  if (input.threads.length === 0) return { html: `<p>${escapeHtml(l.noFeedback)}</p>`, lines: 1, shown: 0 };
  let block: Shown = { html: '', lines: 0, shown: 0 };
  for (let limit = Math.min(input.threads.length, lim.threads); limit >= 1; limit--) {
    const picked = pickThreads(input.threads, limit);
    let lines = 0;
    const groups = FOCUS_AREAS.filter((f) => picked.get(f)!.length > 0).map((f) => {
      const threads = picked.get(f)!.map((t) => threadBlock(input, t, l, lim));
      lines += 1.3 + threads.reduce((n, t) => n + t.lines, 0);
      return `<section class="cl-focus"><h3>${escapeHtml(l.focus[f])}</h3>${threads.map((t) => t.html).join('')}</section>`;
    });
    const hidden = input.threads.length - limit;
    if (hidden > 0) lines += 1;
    const more = hidden > 0 ? `<p class="cl-more">${escapeHtml(fill(l.more, hidden))}</p>` : '';
    block = { html: groups.join('') + more, lines, shown: limit };
    if (lines <= budget) break;
  }
  return block;
}

function headerBlock(input: RoundRecordInput, l: RecordLabels, lim: RecordLimits): Block {
  const r = input.round;
  const cells: [string, string][] = [
    [l.teacher, nameOf(input, r.teacher)],
    [l.school, nameOf(input, r.school)],
    [l.className, r.className],
    [l.date, r.date],
    [l.observers, r.observers.map((o) => nameOf(input, o)).join(', ')],
  ];
  const meta = cells
    .map(([k, v]) => `<div><dt>${escapeHtml(k)}</dt><dd dir="auto">${escapeHtml(v)}</dd></div>`)
    .join('');
  let lines = 2 + 4 + (r.developmental ? 2 : 0);
  const questions = r.focusQuestions
    .filter((q) => q.trim() !== '')
    .slice(0, lim.focusQuestions)
    .map((q) => {
      const text = clip(oneLine(q), 200);
      lines += linesOf(text);
      return `<li dir="auto">${escapeHtml(text)}</li>`;
    })
    .join('');
  if (questions) lines += 1.3;
  const focus = questions ? `<h3>${escapeHtml(l.focusQuestions)}</h3><ol>${questions}</ol>` : '';
  const banner = r.developmental ? `<p class="cl-developmental">${escapeHtml(l.developmental)}</p>` : '';
  return {
    html: `<header>${banner}<h1 dir="auto">${escapeHtml(l.title)}: ${escapeHtml(input.planTitle)}</h1><dl class="cl-meta">${meta}</dl>${focus}</header>`,
    lines,
  };
}

function discussionBlock(input: RoundRecordInput, l: RecordLabels, lim: RecordLimits): Block {
  let lines = HEADING_LINES;
  const html = DISCUSSION_PARTS.map((part) => {
    const text = input.discussion[part]?.trim() ?? '';
    const body = text === '' ? l.nothingWritten : clip(text, lim.discussionChars);
    lines += 1.3 + body.split('\n').reduce((n, line) => n + linesOf(line), 0);
    return `<h3>${escapeHtml(l.discussionPart[part])}</h3><p class="cl-text" dir="auto">${escapeHtml(body)}</p>`;
  }).join('');
  return { html: `<h2>${escapeHtml(l.discussion)}</h2>${html}`, lines };
}

/** A table whose columns have the given share of the width; rows are plain text. */
function tableBlock(
  heads: readonly string[],
  widths: readonly number[],
  rows: readonly string[][],
  more: string,
): Block {
  let lines = HEADING_LINES + 1.5 + (more ? 1 : 0);
  const cols = widths.map((w) => `<col style="width:${Math.round(w * 100)}%">`).join('');
  const head = heads.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((cells) => {
      lines += 0.2 + Math.max(...cells.map((c, i) => linesOf(c, widths[i]!)));
      return `<tr>${cells.map((c) => `<td dir="auto">${escapeHtml(c)}</td>`).join('')}</tr>`;
    })
    .join('');
  const after = more ? `<p class="cl-more">${escapeHtml(more)}</p>` : '';
  return {
    html: `<table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>${after}`,
    lines,
  };
}

function stepsBlock(input: RoundRecordInput, l: RecordLabels, lim: RecordLimits): Block {
  const heading = `<h2>${escapeHtml(l.nextSteps)}</h2>`;
  if (input.steps.length === 0)
    return { html: `${heading}<p>${escapeHtml(l.noSteps)}</p>`, lines: HEADING_LINES + 1 };
  const rows = input.steps.slice(0, lim.steps).map((s) => {
    let status = s.status === 'done' ? l.done : l.open;
    if (s.status === 'done' && s.outcome) status += `: ${clip(oneLine(s.outcome), lim.stepChars)}`;
    if (input.today && isOverdue(s, input.today)) status += ` (${l.overdue})`;
    return [clip(oneLine(s.text), lim.stepChars), s.owner.name, s.due, s.supporter?.name ?? '', status];
  });
  const hidden = input.steps.length - rows.length;
  const table = tableBlock(
    [l.step, l.owner, l.due, l.supporter, l.status],
    [0.38, 0.15, 0.11, 0.14, 0.22],
    rows,
    hidden > 0 ? fill(l.more, hidden) : '',
  );
  return { html: heading + table.html, lines: table.lines };
}

function cyclesBlock(input: RoundRecordInput, l: RecordLabels, lim: RecordLimits): Block {
  if (input.cycles.length === 0) return { html: '', lines: 0 };
  const rows = input.cycles
    .slice(0, lim.cycles)
    .map((c) => [
      String(c.n),
      c.taughtOn,
      nameOf(input, c.school),
      c.teacher.name,
      clip(oneLine(c.note), lim.noteChars),
    ]);
  const hidden = input.cycles.length - rows.length;
  const table = tableBlock(
    [l.cycle, l.taughtOn, l.school, l.teacher, l.note],
    [0.08, 0.14, 0.2, 0.18, 0.4],
    rows,
    hidden > 0 ? fill(l.more, hidden) : '',
  );
  return { html: `<h2>${escapeHtml(l.cycles)}</h2>${table.html}`, lines: table.lines };
}

/** A complete HTML document: one A4 portrait page to print, sign and file, or open in any browser. */
export function roundRecordHtml(input: RoundRecordInput): string {
  const l = labelsOf(input);
  const signatures = [l.signTeacher, l.signObservers, l.signDate]
    .map((s) => `<div>${escapeHtml(s)}</div>`)
    .join('');
  let fixed: Block[] = [];
  let feedback: Shown = { html: '', lines: 0, shown: 0 };
  for (const lim of [RECORD_LIMITS, COMPACT_LIMITS]) {
    fixed = [
      headerBlock(input, l, lim),
      discussionBlock(input, l, lim),
      stepsBlock(input, l, lim),
      cyclesBlock(input, l, lim),
    ];
    const budget = PAGE_LINES - SIGNATURE_LINES - HEADING_LINES - fixed.reduce((n, b) => n + b.lines, 0);
    feedback = feedbackBlock(input, l, lim, budget);
    if (feedback.shown >= Math.min(MIN_THREADS, input.threads.length)) break;
  }
  const [header, discussion, steps, cycles] = fixed.map((b) => b.html);
  const body = [header, `<h2>${escapeHtml(l.feedback)}</h2>${feedback.html}`, discussion, steps, cycles].join(
    '\n',
  );
  const title = escapeHtml(`${l.title}: ${input.planTitle}`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title><style>${ROUND_RECORD_CSS}</style></head><body><main class="cl-page"><div class="cl-content">\n${body}\n</div><footer><h2>${escapeHtml(l.signatures)}</h2><div class="cl-signatures">${signatures}</div></footer></main></body></html>`;
}

export function shortDate(date: string, l: RecordLabels): string {
  if (!isIsoDate(date)) return date;
  const month = l.months[Number(date.slice(5, 7)) - 1];
  return month ? `${Number(date.slice(8, 10))} ${month}` : date;
}
