// A plan's front matter: the YAML block at the top of its Markdown. Plans use flat `key: value`
// lines only (what the templates write), so a small, forgiving reader is enough and never throws:
// a teacher mid-way through typing a line must not break the explorer or the preview.

export interface PlanFrontMatter {
  readonly title?: string;
  readonly subject?: string;
  readonly grade?: string;
  readonly term?: number;
  readonly week?: number;
  readonly school?: string;
  readonly teacher?: string;
  readonly date?: string;
  readonly duration?: string;
  /** The pace-setter entry this plan teaches, `<pacesetter-id>#<entry-id>`. */
  readonly entry?: string;
  readonly template?: string;
  /** `template` marks a cluster's own template. */
  readonly kind?: string;
  readonly [key: string]: string | number | undefined;
}

export interface SplitPlan {
  readonly frontMatter: PlanFrontMatter;
  /** Offset where the Markdown body starts (after the closing `---` line), 0 when there is no block. */
  readonly bodyStart: number;
}

const NUMERIC = new Set(['term', 'week']);

export function readFrontMatter(markdown: string): SplitPlan {
  if (!markdown.startsWith('---\n')) return { frontMatter: {}, bodyStart: 0 };
  const end = markdown.indexOf('\n---', 3);
  if (end < 0) return { frontMatter: {}, bodyStart: 0 };
  const afterClose = markdown.indexOf('\n', end + 4);
  const bodyStart = afterClose < 0 ? markdown.length : afterClose + 1;
  const fields: Record<string, string | number> = {};
  for (const line of markdown.slice(4, end + 1).split('\n')) {
    const m = /^([A-Za-z][\w-]*):\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!;
    const raw = unquote(m[2]!.trim());
    if (raw === '') continue;
    if (NUMERIC.has(key)) {
      const n = Number(raw);
      if (Number.isInteger(n)) fields[key] = n;
    } else {
      fields[key] = raw;
    }
  }
  return { frontMatter: fields, bodyStart };
}

/**
 * Whether what `readFrontMatter` finds in a text beginning with `start` is already final: the
 * text does not open a front matter block, or the block is closed (more text cannot change it).
 * `checkedUpTo`: a shorter start already found not final, so the search resumes near its end.
 */
export function frontMatterSettled(start: string, checkedUpTo = 0): boolean {
  if (start.length < 4) return false;
  if (!start.startsWith('---\n')) return true;
  return start.indexOf('\n---', Math.max(3, checkedUpTo - 3)) >= 0;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      // YAML's double-quoted scalars use the same escapes as JSON for what we write.
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

function quoteIfNeeded(value: string | number): string {
  const s = String(value);
  return /^[\w .,()/&+-]*$/.test(s) && !/^\s|\s$/.test(s) ? s : JSON.stringify(s);
}

export function writeFrontMatter(fields: PlanFrontMatter): string {
  const lines = Object.entries(fields)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}: ${quoteIfNeeded(v as string | number)}`);
  return `---\n${lines.join('\n')}\n---\n`;
}
