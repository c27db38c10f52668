import MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import { type PlanFrontMatter, readFrontMatter } from './frontMatter';

// Markdown rendering of lesson plans, shared by VS Code's built-in preview (as a markdown-it
// plugin) and the printable page: the front matter becomes a header card instead of raw YAML.

/** The words of the header card, translated by the caller (core/ has no l10n of its own). */
export interface PlanLabels {
  readonly subject: string;
  readonly grade: string;
  readonly termWeek: string;
  readonly school: string;
  readonly teacher: string;
  readonly date: string;
  readonly duration: string;
}

export const ENGLISH_LABELS: PlanLabels = {
  subject: 'Subject',
  grade: 'Grade',
  termWeek: 'Term / week',
  school: 'School',
  teacher: 'Teacher',
  date: 'Date',
  duration: 'Duration',
};

export function renderHeaderCard(
  fm: PlanFrontMatter,
  labels: PlanLabels,
  esc: (s: string) => string,
): string {
  const rows: [string, string | undefined][] = [
    [labels.subject, fm.subject],
    [labels.grade, fm.grade],
    [labels.termWeek, fm.term !== undefined && fm.week !== undefined ? `${fm.term} / ${fm.week}` : undefined],
    [labels.school, fm.school],
    [labels.teacher, fm.teacher],
    [labels.date, fm.date],
    [labels.duration, fm.duration],
  ];
  const cells = rows
    .filter((r): r is [string, string] => r[1] !== undefined && String(r[1]).trim() !== '')
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(String(v))}</dd></div>`)
    .join('');
  const title = fm.title ? `<p class="cl-plan-title">${esc(fm.title)}</p>` : '';
  return `<header class="cl-plan-header">${title}<dl>${cells}</dl></header>\n`;
}

/**
 * markdown-it plugin: a front matter block at the very top renders as the plan header card.
 * The rule goes first of all block rules ('table' leads markdown-it's list): VS Code's Markdown
 * extension adds its own `front_matter` rule before 'fence' after the plugins ran, and whichever
 * rule comes first takes the block; VS Code's would hide it from the preview.
 */
export function planHeaderPlugin(md: MarkdownIt, labels: PlanLabels = ENGLISH_LABELS): void {
  md.block.ruler.before(
    'table',
    'cl_front_matter',
    (state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean => {
      if (startLine !== 0 || state.src.slice(state.bMarks[0], state.eMarks[0]) !== '---') return false;
      const { bodyStart } = readFrontMatter(state.src.replace(/\r\n?/g, '\n'));
      if (bodyStart === 0) return false;
      let line = 1;
      while (
        line < endLine &&
        state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]) !== '---'
      )
        line++;
      if (line >= endLine) return false;
      if (silent) return true;
      const token = state.push('cl_plan_header', '', 0);
      token.meta = readFrontMatter(state.src.replace(/\r\n?/g, '\n')).frontMatter;
      token.map = [startLine, line + 1];
      token.block = true;
      state.line = line + 1;
      return true;
    },
  );
  md.renderer.rules.cl_plan_header = (tokens, idx) =>
    renderHeaderCard(tokens[idx]!.meta as PlanFrontMatter, labels, md.utils.escapeHtml);
}

/** The plan's Markdown as HTML for printing. Raw HTML in a plan is shown as text, never run. */
export function renderPlanHtml(markdown: string, labels: PlanLabels = ENGLISH_LABELS): string {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: true });
  md.use(planHeaderPlugin, labels);
  return md.render(markdown);
}

/** Print styles for A4 paper: black on white, no colours needed, tables that do not split rows. */
export const PRINT_CSS = `
@page { size: A4; margin: 16mm 15mm; }
body { font: 11pt/1.45 "Segoe UI", "Noto Sans", Arial, sans-serif; color: #000; background: #fff; max-width: 180mm; margin: 0 auto; }
h1 { font-size: 17pt; margin: 0 0 6pt; } h2 { font-size: 13pt; margin: 12pt 0 4pt; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; } td, th { border: 1px solid #777; padding: 3pt 5pt; vertical-align: top; }
tr { page-break-inside: avoid; } h2 { page-break-after: avoid; }
.cl-plan-header { border: 1.5px solid #000; padding: 6pt 8pt; margin-bottom: 10pt; }
.cl-plan-title { font-size: 15pt; font-weight: 700; margin: 0 0 4pt; }
.cl-plan-header dl { display: grid; grid-template-columns: repeat(4, auto); gap: 2pt 12pt; margin: 0; }
.cl-plan-header dt { font-size: 8pt; text-transform: uppercase; color: #444; } .cl-plan-header dd { margin: 0; }
@media print { .cl-no-print { display: none !important; } }
`;
