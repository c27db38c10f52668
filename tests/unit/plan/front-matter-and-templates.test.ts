import { describe, expect, it } from 'vitest';
import { readFrontMatter, writeFrontMatter } from '../../../core/plan/frontMatter';
import { renderPlanHtml } from '../../../core/plan/planMarkdown';
import { CAPS_TEMPLATE, renderTemplate, SINDH_SLO_TEMPLATE } from '../../../core/plan/templates';

describe('A plan carries its details in front matter at the top of the Markdown', () => {
  it('reads back what it writes, with numbers for term and week', () => {
    const fm = {
      title: 'Photosynthesis: light and leaves',
      subject: 'Natural Sciences',
      grade: '8',
      term: 2,
      week: 3,
    };
    const text = `${writeFrontMatter(fm)}\n# Body\n`;
    const split = readFrontMatter(text);
    expect(split.frontMatter).toEqual(fm);
    expect(text.slice(split.bodyStart)).toBe('\n# Body\n');
  });

  it('a half-typed block or line never throws and yields what can be read', () => {
    expect(readFrontMatter('---\ntitle: Forces\nsubj').frontMatter).toEqual({});
    expect(readFrontMatter('---\ntitle: Forces\nweek: three\n---\n').frontMatter).toEqual({
      title: 'Forces',
    });
    expect(readFrontMatter('# no front matter').bodyStart).toBe(0);
  });

  it('values with colons or quotes survive the round trip', () => {
    const fm = { title: 'Ratio: "part to whole"', teacher: "Zainab Bibi's class" };
    expect(readFrontMatter(writeFrontMatter(fm)).frontMatter).toEqual(fm);
  });
});

describe('New plans start from the templates teachers already use', () => {
  it('the CAPS template has every section of a CAPS lesson plan and fills the admin block', () => {
    const md = renderTemplate(CAPS_TEMPLATE, {
      title: 'Electric circuits',
      subject: 'Natural Sciences',
      grade: '9',
      term: 3,
      week: 2,
      school: 'Tonga Combined School',
      teacher: 'Sipho Nkosi',
    });
    for (const heading of [
      'Lesson objectives',
      'Resources',
      'Prior knowledge',
      'Introduction',
      'Development',
      'Consolidation',
      'Assessment',
      'Homework',
      'Differentiation',
      'Reflection',
    ]) {
      expect(md).toContain(`## ${heading}`);
    }
    expect(md).toContain('| Tonga Combined School | Sipho Nkosi | Natural Sciences | 9 | T3 W2 |');
    expect(md).toContain('(no cost)');
    expect(readFrontMatter(md).frontMatter).toMatchObject({
      title: 'Electric circuits',
      template: 'caps',
      week: 2,
    });
    expect(md).not.toMatch(/\{\{/);
  });

  it('the Sindh template is built on student learning outcomes', () => {
    const md = renderTemplate(SINDH_SLO_TEMPLATE, { title: 'Fractions', reference: 'SLO M-5-2.1' });
    expect(md).toContain('## Student learning outcomes (SLOs)');
    expect(md).toContain('SLO M-5-2.1');
    expect(md).not.toContain('\r');
  });

  it.each([
    CAPS_TEMPLATE,
    SINDH_SLO_TEMPLATE,
  ])('the $label renders with its own headings only (an empty list item under a sentence is not a heading underline)', (template) => {
    const md = renderTemplate(template, { title: 'Fractions', reference: 'SLO M-5-2.1' });
    const sections = [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    const rendered = [...renderPlanHtml(md).matchAll(/<h2>(.*?)<\/h2>/g)].map((m) =>
      m[1]?.replace(/\u2019/g, "'"),
    );
    expect(rendered).toEqual(sections);
  });
});
