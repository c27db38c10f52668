import { describe, expect, it } from 'vitest';
import { renderPaceSetterHtml } from '../../../core/pacesetter/printHtml';
import { PACESETTER_ID, termOnePlan } from './fixture';
import { planFieldsForEntry, parseEntryRef } from '../../../core/pacesetter/planLink';
import { readPaceSetter } from '../../../core/pacesetter/model';

describe('The printed pace-setter', () => {
  it('is an A4 landscape page with a table per term, week dates and the common test marked', () => {
    const { view } = termOnePlan({
      9: {
        formal: { type: 'Common test', weight: 25, date: '2027-03-17', common: true },
        resources: ['Bottle tops (no-cost)'],
      },
    });
    const html = renderPaceSetterHtml(view());
    expect(html).toContain('@page { size: A4 landscape;');
    expect(html).toContain('<h1>Natural Sciences · Grade 8 · 2027</h1>');
    expect(html).toContain('<h2>Term 1</h2>');
    expect(html).toContain('<td class="cl-dates">2027-03-15 – 2027-03-19</td>');
    expect(html).toContain('<span class="cl-common">Common test, 25%, 2027-03-17 (common paper)</span>');
    expect(html).toContain('<li>Bottle tops (no cost)</li>');
  });

  it('escapes everything that comes from the document', () => {
    const { view } = termOnePlan({
      1: { topic: '<img src=x onerror=alert(1)>', reference: '"quoted" & \'single\'' },
    });
    const html = renderPaceSetterHtml(view());
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;');
    expect(html).toContain('&#34;quoted&#34; &#38; &#39;single&#39;');
  });

  it('adds a column per school with its coverage when asked', () => {
    const { view, ids } = termOnePlan();
    const html = renderPaceSetterHtml(view(), {
      schools: [{ id: 'a', name: 'Kwaggafontein <Primary>' }],
      coverage: {
        a: { [ids[1]!]: { status: 'taught', completedOn: '2027-01-15', updatedBy: 'S', updatedAt: 1 } },
      },
    });
    expect(html).toContain('<th scope="col">Kwaggafontein &#60;Primary&#62;</th>');
    expect(html).toContain('<td class="cl-status">taught 2027-01-15</td>');
    expect(html).toContain('<td class="cl-status">not started</td>');
  });
});

describe('A new lesson plan for an entry', () => {
  it('is pre-filled from the entry and links back to it', () => {
    const { doc, ids } = termOnePlan({ 3: { reference: 'CAPS p. 34', subTopics: ['Light', 'Starch test'] } });
    const view = readPaceSetter(doc, PACESETTER_ID);
    const entry = view.entries.find((e) => e.id === ids[3])!;
    expect(planFieldsForEntry(view, entry)).toEqual({
      title: 'T1 W3',
      subject: 'Natural Sciences',
      grade: '8',
      term: 1,
      week: 3,
      entry: `${PACESETTER_ID}#${ids[3]}`,
      reference: 'CAPS p. 34\n- Light\n- Starch test',
    });
    expect(parseEntryRef(`${PACESETTER_ID}#${ids[3]}`)).toEqual({
      pacesetterId: PACESETTER_ID,
      entryId: ids[3],
    });
    expect(parseEntryRef('no-hash')).toBeUndefined();
  });
});
