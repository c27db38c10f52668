import { describe, expect, it } from 'vitest';
import { isDocId } from '../../../core/cluster/docName';
import {
  buildTree,
  fileNameOf,
  lookup,
  newPlanId,
  type PlanSummary,
  pathOf,
} from '../../../core/plan/catalog';

const plan = (p: Partial<PlanSummary> & { id: string }): PlanSummary => ({ title: p.id, updatedAt: 0, ...p });

describe('The explorer shows the cluster plans by subject, grade and term-week', () => {
  const plans = [
    plan({ id: 'a', title: 'Photosynthesis', subject: 'Natural Sciences', grade: '8', term: 2, week: 3 }),
    plan({ id: 'b', title: 'Electric circuits', subject: 'Natural Sciences', grade: '9', term: 3, week: 11 }),
    plan({ id: 'c', title: 'Fractions', subject: 'Mathematics', grade: '5' }),
    plan({ id: 'd', title: 'Old draft', subject: 'Mathematics', grade: '5', deletedAt: 5 }),
    plan({ id: 'e', title: 'Ideas' }),
  ];
  const tree = buildTree(plans);

  it('files sit in subject and grade folders, named with term and week first so they sort by week', () => {
    expect(pathOf(tree, 'a')).toEqual(['Natural Sciences', 'Grade 8', 'T2W03 Photosynthesis.md']);
    expect(pathOf(tree, 'b')).toEqual(['Natural Sciences', 'Grade 9', 'T3W11 Electric circuits.md']);
    expect(pathOf(tree, 'c')).toEqual(['Mathematics', 'Grade 5', 'Fractions.md']);
    expect(pathOf(tree, 'e')).toEqual(['No subject', 'Ideas.md']);
  });

  it("a cluster's own templates sit together in Templates", () => {
    const withTemplate = buildTree([
      ...plans,
      plan({ id: 't', title: 'Practical lesson', isTemplate: true }),
    ]);
    expect(pathOf(withTemplate, 't')).toEqual(['Templates', 'Practical lesson.md']);
  });

  it('deleted plans wait in Trash', () => {
    expect(pathOf(tree, 'd')).toEqual(['Trash', 'Old draft.md']);
  });

  it('two plans with the same title in one folder both appear', () => {
    const twins = buildTree([plan({ id: 'x1', title: 'Forces' }), plan({ id: 'x2', title: 'Forces' })]);
    const dir = lookup(twins, ['No subject']);
    expect(dir?.kind === 'dir' && [...dir.children.keys()].sort()).toEqual(['Forces (x2).md', 'Forces.md']);
  });

  it('titles with slashes or colons become safe file names', () => {
    expect(fileNameOf(plan({ id: 'z', title: 'Ratio: 1/2 and 3/4?' }))).toBe('Ratio 1 2 and 3 4.md');
  });

  it('new plan ids are valid document ids made from the title', () => {
    const id = newPlanId('Photosynthesis: light & leaves', () => 0.5);
    expect(id).toMatch(/^photosynthesis-light-leaves-[a-z0-9]{6}$/);
    expect(isDocId(id)).toBe(true);
    expect(isDocId(newPlanId('::', () => 0))).toBe(true);
  });
});
