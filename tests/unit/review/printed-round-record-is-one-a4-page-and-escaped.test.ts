import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { planText } from '../../../core/plan/planDoc';
import { resolveAnchor } from '../../../core/review/anchors';
import { RECORD_LIMITS, roundRecordHtml } from '../../../core/review/roundRecord';
import { addThread, readThreads, recordCycle, readCycles } from '../../../core/review/reviewDoc';
import { planDoc, rangeOf, sipho, thandi } from './fixture';
import { recordOf } from './record';

const HOSTILE = `<script>alert("x")</script><img src=x onerror='alert(1)'>`;

describe('The printed record of an observation round is one A4 page that runs nothing', () => {
  it('is a complete A4 portrait page with no scripts and nothing loaded from elsewhere', () => {
    const html = roundRecordHtml(recordOf());
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('</html>');
    expect(html).toMatch(/@page\s*\{\s*size:\s*A4;\s*margin:\s*12mm;/);
    expect(html).not.toMatch(/landscape/);
    expect(html).not.toMatch(/<script|<img|<link|src=|url\(|@import/i);
  });

  it('hostile text in feedback, names, titles and steps is printed as text, never as markup', () => {
    const input = recordOf({
      feedback: [['learners', 'question', HOSTILE]],
      steps: [[HOSTILE, { id: 'm-x', name: `"O'Brien" <b>` }, '2027-03-20']],
      round: { className: HOSTILE, focusQuestions: [HOSTILE] },
    });
    const html = roundRecordHtml({ ...input, planTitle: HOSTILE });
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain(`onerror='`);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('&#34;O&#39;Brien&#34; &#60;b&#62;');
  });

  it('a developmental round says prominently that it is not for appraisal', () => {
    const html = roundRecordHtml(recordOf({ round: { developmental: true } }));
    expect(html).toMatch(/<p class="cl-developmental">Developmental — not for appraisal<\/p>/);
    expect(html.indexOf('not for appraisal')).toBeLessThan(html.indexOf('<h1'));
  });

  it('a round that is not developmental does not claim to be', () => {
    const html = roundRecordHtml(recordOf({ round: { developmental: false } }));
    expect(html).not.toMatch(/not for appraisal/i);
    expect(html).not.toContain('cl-developmental"');
  });

  it('shows the header: plan title, teacher, school, class, date, observers and focus questions', () => {
    const html = roundRecordHtml(recordOf());
    for (const words of [
      'Separating mixtures',
      'Sipho Mahlangu',
      'Kwaggafontein Secondary',
      'Gr8 NS',
      '2027-03-12',
      'Thandi Nkosi, Ayesha Soomro',
      'Do all learners get to handle the filter?',
    ])
      expect(html).toContain(words);
  });

  it('groups feedback by focus area in the order content, pedagogy, PCK, learners, resources, assessment', () => {
    const html = roundRecordHtml(recordOf());
    const at = (s: string) => html.indexOf(s);
    expect(at('<h3>Pedagogy</h3>')).toBeGreaterThan(0);
    expect(at('<h3>Pedagogy</h3>')).toBeLessThan(at('<h3>Pedagogical content knowledge</h3>'));
    expect(at('<h3>Pedagogical content knowledge</h3>')).toBeLessThan(at('<h3>Learners</h3>'));
    expect(at('<h3>Learners</h3>')).toBeLessThan(at('<h3>Assessment</h3>'));
    expect(html).not.toContain('<h3>Resources</h3>');
    const pedagogy = html.slice(at('<h3>Pedagogy</h3>'), at('<h3>Pedagogical content knowledge</h3>'));
    expect(pedagogy).toContain('Clear instructions.');
    expect(pedagogy).toContain('Ask the question before pouring.');
    expect(pedagogy).toContain('>Suggestion<');
    expect(pedagogy).toContain('“in pairs”');
    expect(html.slice(at('<h3>Learners</h3>'))).toContain('Thank you.');
  });

  it('prints the discussion in the order teacher, planners, observers', () => {
    const html = roundRecordHtml(recordOf());
    const order = ['The filtering took longer', 'Plan 20 minutes', 'Learners explained clearly'].map((s) =>
      html.indexOf(s),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('lists next steps with their owners, due dates and supporters', () => {
    const html = roundRecordHtml(recordOf());
    const table = html.slice(html.indexOf('<h2>Next steps</h2>'));
    expect(table).toMatch(
      /<td dir="auto">pair talk<\/td><td dir="auto">Sipho Mahlangu<\/td><td dir="auto">2027-03-20<\/td><td dir="auto">Thandi Nkosi<\/td><td dir="auto">open<\/td>/,
    );
    expect(table).toContain('Ayesha Soomro');
    expect(html).toContain('<h2>Signatures</h2>');
  });

  it('marks overdue steps when printed on a given day, and feedback whose plan text has changed', () => {
    const plan = planDoc();
    const review = new Y.Doc();
    addThread(review, plan, {
      ...rangeOf(plan, 'in pairs'),
      focus: 'learners',
      kind: 'strength',
      body: 'ok',
      author: thandi,
      at: 1,
    });
    planText(plan).delete(rangeOf(plan, 'in pairs').start, 'in pairs'.length);
    const threads = readThreads(review);
    const input = recordOf();
    const html = roundRecordHtml({
      ...input,
      threads,
      resolved: new Map(threads.map((t) => [t.id, resolveAnchor(plan, t.anchor)])),
      today: '2027-03-21',
    });
    expect(html).toContain('(the plan text has changed since)');
    expect(html).toContain('open (overdue)');
  });

  it('a long round stays on one page: at most a few threads, then "and K more"', () => {
    const feedback = Array.from(
      { length: 20 },
      (_, i) => ['pedagogy', 'suggestion', `Suggestion ${i} ${'x'.repeat(400)}`] as const,
    );
    const html = roundRecordHtml(recordOf({ feedback }));
    const shown = html.match(/class="cl-thread"/g)?.length ?? 0;
    expect(shown).toBeGreaterThanOrEqual(3);
    expect(shown).toBeLessThanOrEqual(RECORD_LIMITS.threads);
    expect(html).toContain(`… and ${20 - shown} more`);
    expect(html).toContain('<h2>Next steps</h2>');
    expect(html).toContain('<h2>Signatures</h2>');
    expect(html).not.toContain('x'.repeat(RECORD_LIMITS.commentChars));
    expect(html).toContain('height: 270mm; display: flex; flex-direction: column; overflow: hidden');
  });

  it('when a long round is clipped, every focus area it touched is still shown', () => {
    const feedback = [
      ...Array.from({ length: 12 }, () => ['pedagogy', 'suggestion', 'More wait time.'] as const),
      ['resources', 'strength', 'Cloth from home, no cost.'] as const,
    ];
    const html = roundRecordHtml(recordOf({ feedback }));
    expect(html).toContain('<h3>Resources</h3>');
  });

  it('lists lesson-study cycles when there are some, and translated headings replace the English ones', () => {
    const review = new Y.Doc();
    recordCycle(review, {
      taughtOn: '2027-03-12',
      school: 'Kwaggafontein',
      teacher: sipho,
      planSnapshot: '#',
      note: 'First teaching',
      at: 1,
    });
    const input = {
      ...recordOf(),
      cycles: readCycles(review),
      labels: { cycles: 'Imijikelezo', nextSteps: 'Izinyathelo' },
    };
    const html = roundRecordHtml(input);
    expect(html).toContain('<h2>Imijikelezo</h2>');
    expect(html).toContain('First teaching');
    expect(html).toContain('<h2>Izinyathelo</h2>');
    expect(roundRecordHtml(recordOf())).not.toContain('Lesson study cycles');
  });
});
