import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, parsePaceSetterCsv } from '../../../core/pacesetter/csv';
import { parseCsv } from '../../../core/pacesetter/csvFormat';

const HEADER =
  'term,week,topic,sub_topics,reference,hours,prior_knowledge,resources,informal_assessment,formal_type,formal_weight,formal_date,formal_common';

function entries(text: string) {
  const result = parsePaceSetterCsv(text);
  if (!result.ok) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.entries;
}

describe('A clean pace-setter file is read entry by entry', () => {
  it('reads every column, lists split on semicolons and the formal task', () => {
    const csv = `${HEADER}
1,3,Photosynthesis,"Light; chlorophyll; starch test",CAPS p. 34,4,Plants need water,"Leaves (no-cost); iodine (low-cost)",Oral questions,Test,10,2027-01-29,yes
`;
    expect(entries(csv)).toEqual([
      {
        row: 2,
        term: 1,
        week: 3,
        topic: 'Photosynthesis',
        subTopics: ['Light', 'chlorophyll', 'starch test'],
        reference: 'CAPS p. 34',
        hours: 4,
        priorKnowledge: 'Plants need water',
        resources: ['Leaves (no-cost)', 'iodine (low-cost)'],
        informalAssessment: 'Oral questions',
        formal: { type: 'Test', weight: 10, date: '2027-01-29', common: true },
      },
    ]);
  });

  it('only term, week and topic are needed; the other fields default to empty', () => {
    expect(entries('Term,Week,Topic\n2,1,Forces\n')).toEqual([
      {
        row: 2,
        term: 2,
        week: 1,
        topic: 'Forces',
        subTopics: [],
        reference: '',
        hours: 0,
        priorKnowledge: '',
        resources: [],
        informalAssessment: '',
      },
    ]);
  });

  it('header names ignore case, spaces, hyphens and underscores', () => {
    const [e] = entries(
      'TERM, Week ,Topic,Sub Topics,Prior-Knowledge,Formal Type,formal weight,Formal_Date\n1,1,Cells,a;b,none,Test,25%,2027-02-01\n',
    );
    expect(e).toMatchObject({
      subTopics: ['a', 'b'],
      priorKnowledge: 'none',
      formal: { type: 'Test', weight: 25, common: false },
    });
  });

  it('quoted values keep commas, line breaks and doubled quotes', () => {
    const [e] = entries(
      `term,week,topic,prior_knowledge\n1,2,"Mixtures, solutions","Line one\r\nLine ""two"""\n`,
    );
    expect(e).toMatchObject({ topic: 'Mixtures, solutions', priorKnowledge: 'Line one\nLine "two"' });
  });

  it('a byte order mark, CRLF line ends and empty rows at the end are taken in stride', () => {
    const csv = '\uFEFFterm,week,topic\r\n1,1,Cells\r\n1,2,Tissues\r\n,,\r\n\r\n';
    expect(entries(csv).map((e) => [e.row, e.topic])).toEqual([
      [2, 'Cells'],
      [3, 'Tissues'],
    ]);
  });

  it('a file saved with semicolons between values (comma-decimal locales) is read too', () => {
    const [e] = entries('term;week;topic;sub_topics\n1;4;Energy;"heat; light"\n');
    expect(e).toMatchObject({ week: 4, topic: 'Energy', subTopics: ['heat', 'light'] });
  });

  it('Urdu and Sindhi text is kept as written', () => {
    const [e] = entries('term,week,topic\n1,1,ضیائی تالیف\n');
    expect(e?.topic).toBe('ضیائی تالیف');
  });

  it('an id column from an export is read so entries keep their coverage', () => {
    expect(entries('id,term,week,topic\ne-00abc,1,1,Cells\n')[0]).toMatchObject({ id: 'e-00abc' });
  });

  it('the documented columns are the ones the reader knows', () => {
    expect(CSV_COLUMNS.map((c) => c.name)).toEqual(['id', ...HEADER.split(',')]);
    expect(CSV_COLUMNS.filter((c) => c.required).map((c) => c.name)).toEqual(['term', 'week', 'topic']);
  });
});

describe('The CSV reader follows RFC 4180', () => {
  it('counts records, not lines, so a row number matches the spreadsheet', () => {
    const { rows } = parseCsv('a,b\n"x\ny",1\nz,2');
    expect(rows).toEqual([
      ['a', 'b'],
      ['x\ny', '1'],
      ['z', '2'],
    ]);
  });

  it('an empty quoted value and a trailing empty value are kept', () => {
    expect(parseCsv('"",a,\n').rows).toEqual([['', 'a', '']]);
  });
});
