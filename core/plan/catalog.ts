import type { PlanFrontMatter } from './frontMatter';

// The cluster's plans as the explorer shows them: by subject, grade, then term and week.
// Paths are derived from each plan's front matter, so they follow the plan when its details change.

export interface PlanSummary {
  readonly id: string;
  readonly title: string;
  readonly subject?: string;
  readonly grade?: string;
  readonly term?: number;
  readonly week?: number;
  /** Milliseconds since 1970: when the server last stored a change. */
  readonly updatedAt: number;
  /** Set when the plan was deleted; it can be restored for 30 days after. */
  readonly deletedAt?: number;
  /** A cluster's own template (front matter `kind: template`), offered by "New Lesson Plan". */
  readonly isTemplate?: boolean;
}

export const TRASH = 'Trash';
export const TEMPLATES = 'Templates';
export const UNSORTED = 'No subject';
export const RESTORE_DAYS = 30;

export function summaryFromFrontMatter(id: string, fm: PlanFrontMatter, updatedAt: number): PlanSummary {
  return {
    id,
    title: fm.title?.trim() || id,
    ...(fm.subject ? { subject: fm.subject } : {}),
    ...(fm.grade ? { grade: String(fm.grade) } : {}),
    ...(fm.term !== undefined ? { term: fm.term } : {}),
    ...(fm.week !== undefined ? { week: fm.week } : {}),
    ...(fm.kind === 'template' ? { isTemplate: true } : {}),
    updatedAt,
  };
}

/** A name that is safe as one path segment on every OS and in a URI. */
export function safeSegment(value: string): string {
  const printable = [...value].map((ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
  const cleaned = printable
    .replace(/[\\/:*?"<>|#%]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);
  return cleaned.replace(/^\.+/, '') || 'Untitled';
}

export function folderOf(plan: PlanSummary): string[] {
  if (plan.deletedAt !== undefined) return [TRASH];
  if (plan.isTemplate) return [TEMPLATES];
  return [safeSegment(plan.subject ?? UNSORTED), ...(plan.grade ? [safeSegment(`Grade ${plan.grade}`)] : [])];
}

export function fileNameOf(plan: PlanSummary): string {
  const when =
    plan.term !== undefined && plan.week !== undefined
      ? `T${plan.term}W${String(plan.week).padStart(2, '0')} `
      : '';
  return `${safeSegment(`${when}${plan.title}`)}.md`;
}

export type CatalogNode =
  | { kind: 'dir'; children: Map<string, CatalogNode> }
  | { kind: 'plan'; plan: PlanSummary };

/** Builds the folder tree. Two plans that would share a name are told apart by their ids. */
export function buildTree(plans: readonly PlanSummary[]): CatalogNode & { kind: 'dir' } {
  const root: CatalogNode & { kind: 'dir' } = { kind: 'dir', children: new Map() };
  const sorted = [...plans].sort((a, b) => a.id.localeCompare(b.id));
  for (const plan of sorted) {
    let dir = root;
    for (const segment of folderOf(plan)) {
      let next = dir.children.get(segment);
      if (!next || next.kind !== 'dir') {
        next = { kind: 'dir', children: new Map() };
        dir.children.set(segment, next);
      }
      dir = next;
    }
    let name = fileNameOf(plan);
    if (dir.children.has(name)) name = `${name.slice(0, -3)} (${plan.id}).md`;
    dir.children.set(name, { kind: 'plan', plan });
  }
  return root;
}

export function lookup(root: CatalogNode, segments: readonly string[]): CatalogNode | undefined {
  let node: CatalogNode | undefined = root;
  for (const segment of segments) {
    if (!node || node.kind !== 'dir') return undefined;
    node = node.children.get(segment);
  }
  return node;
}

/** Where a plan sits in the tree, as path segments. */
export function pathOf(root: CatalogNode & { kind: 'dir' }, planId: string): string[] | undefined {
  const walk = (node: CatalogNode, at: string[]): string[] | undefined => {
    if (node.kind === 'plan') return node.plan.id === planId ? at : undefined;
    for (const [name, child] of node.children) {
      const found = walk(child, [...at, name]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(root, []);
}

/** A new plan's id: readable from its title, unique enough without coordination (works offline). */
export function newPlanId(title: string, random: () => number): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  return `${slug || 'plan'}-${suffix}`;
}
