import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { writeFrontMatter } from '../../../core/plan/frontMatter';
import { planHeaderPlugin, renderPlanHtml } from '../../../core/plan/planMarkdown';

const plan = `${writeFrontMatter({ title: 'Photosynthesis', subject: 'Natural Sciences', grade: '8', term: 2, week: 3, school: 'Tonga Combined School' })}\n# Photosynthesis\n\n## Objectives\n- name the products\n`;

describe('The Markdown preview shows a plan header card instead of raw front matter', () => {
  it('renders the front matter as a card and the body as usual', () => {
    const md = new MarkdownIt().use(planHeaderPlugin);
    const html = md.render(plan);
    expect(html).toContain('<header class="cl-plan-header">');
    expect(html).toContain('<dt>Term / week</dt><dd>2 / 3</dd>');
    expect(html).toContain('<dd>Tonga Combined School</dd>');
    expect(html).toContain('<h2>Objectives</h2>');
    expect(html).not.toContain('subject: Natural Sciences');
  });

  it("still renders the card when VS Code's Markdown extension adds its own front matter rule after the plugins", () => {
    const md = new MarkdownIt().use(planHeaderPlugin);
    // What VS Code's markdownEngine does once the contributed plugins ran: a rule before 'fence'
    // that takes a leading front matter block and renders nothing for it.
    md.block.ruler.before('fence', 'front_matter', (state, startLine, _endLine, silent) => {
      if (startLine !== 0 || state.src.slice(state.bMarks[0], state.eMarks[0]) !== '---') return false;
      let line = 1;
      while (line < state.lineMax && state.src.slice(state.bMarks[line], state.eMarks[line]) !== '---')
        line++;
      if (!silent) state.push('front_matter', '', 0).hidden = true;
      state.line = line + 1;
      return true;
    });
    md.renderer.rules.front_matter = () => '';
    const html = md.render(plan);
    expect(html).toContain('<header class="cl-plan-header">');
    expect(html).toContain('<dd>Tonga Combined School</dd>');
  });

  it('translated labels are used when given', () => {
    const html = new MarkdownIt()
      .use(planHeaderPlugin, {
        subject: 'Mazmoon',
        grade: 'Darja',
        termWeek: 'Term',
        school: 'School',
        teacher: 'Ustad',
        date: 'Tareekh',
        duration: 'Waqt',
      })
      .render(plan);
    expect(html).toContain('<dt>Mazmoon</dt>');
  });

  it('a document without front matter renders unchanged, and a horizontal rule stays a rule', () => {
    const md = new MarkdownIt().use(planHeaderPlugin);
    expect(md.render('# Notes\n\n---\n\ntext')).toBe(new MarkdownIt().render('# Notes\n\n---\n\ntext'));
  });

  it('HTML typed into a plan is printed as text, never run, and titles are escaped', () => {
    const html = renderPlanHtml(
      `${writeFrontMatter({ title: '<img src=x onerror=alert(1)>' })}\n<script>alert(1)</script>\n`,
    );
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
  });
});
