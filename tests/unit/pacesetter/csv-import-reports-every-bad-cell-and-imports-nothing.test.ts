import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parsePaceSetterCsv } from '../../../core/pacesetter/csv';
import { importPaceSetterCsv } from '../../../core/pacesetter/importCsv';
import { readEntries, readTerms } from '../../../core/pacesetter/model';
import { leader, paceSetterDoc } from './fixture';

function errors(text: string, terms = false): string[] {
  const result = parsePaceSetterCsv(text, terms ? { terms: readTerms(paceSetterDoc()) } : {});
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors.map((e) => e.message);
}

describe('Every bad cell is reported with its row, column and what is wrong', () => {
  it('reports all problems of a file at once, counting the header as row 1', () => {
    const csv = [
      'term,week,topic,hours,formal_type,formal_weight,formal_date,formal_common',
      '1,1,Cells,2,,,,',
      '1,2,,3,,,,',
      '5,three,Tissues,1,5,,,',
      '1,4,Organs,"1,5",Test,120,15/03/2027,maybe',
      '1,5,Systems,,,30,2027-02-30,',
      '1,6,Energy,500,,,,',
    ].join('\n');
    expect(errors(csv)).toEqual([
      'row 3, column topic: is empty; every row needs a topic',
      "row 4, column term: '5' is not a term number from 1 to 4",
      "row 4, column week: 'three' is not a whole number from 1 to 20",
      'row 4, column formal_weight: is empty; a formal assessment needs its weight in percent',
      'row 4, column formal_date: is empty; a formal assessment needs its date (YYYY-MM-DD)',
      "row 5, column hours: '1,5' is not a number of hours from 0 to 200 (write decimals with a dot, as in 1.5)",
      "row 5, column formal_weight: '120' is not a percentage more than 0 and at most 100",
      "row 5, column formal_date: '15/03/2027' is not a date written YYYY-MM-DD",
      "row 5, column formal_common: 'maybe' is not yes or no",
      'row 6, column formal_type: is empty, but the row has a formal assessment; give its type (for example Test)',
      "row 6, column formal_date: '2027-02-30' is not a date written YYYY-MM-DD",
      "row 7, column hours: '500' is not a number of hours from 0 to 200",
    ]);
  });

  it('names the column as the file spells it', () => {
    expect(errors('Term,Week,Topic\n1,0,Cells\n')).toEqual([
      "row 2, column Week: '0' is not a whole number from 1 to 20",
    ]);
  });

  it('a week after the last teaching week of a dated term is refused', () => {
    expect(errors('term,week,topic\n1,11,Revision\n2,12,Exams\n', true)).toEqual([
      'row 2, column week: week 11 is after the last teaching week of term 1 (week 10)',
    ]);
  });

  it('a row number counts records, so a value with line breaks does not shift later rows', () => {
    expect(errors('term,week,topic,prior_knowledge\n1,1,Cells,"two\nlines"\n1,x,Tissues,\n')).toEqual([
      "row 3, column week: 'x' is not a whole number from 1 to 20",
    ]);
  });

  it('the same id on two rows is refused', () => {
    expect(errors('id,term,week,topic\ne-1,1,1,Cells\ne-1,1,2,Tissues\n')).toEqual([
      "row 3, column id: 'e-1' is already used on row 2",
    ]);
  });

  it('a row with more values than the header has columns is refused', () => {
    expect(errors('term,week,topic\n1,1,Cells,extra\n')).toEqual([
      'row 2: has 4 values but the header names 3 columns',
    ]);
  });
});

describe('Problems with the header or the file itself are reported before any row', () => {
  it('unknown, duplicated, unnamed and missing columns', () => {
    expect(errors('term,Topic,topic,Notes,\n1,Cells,Cells,x,y\n')).toEqual([
      'row 1, column topic: appears twice',
      'row 1, column Notes: is not a pace-setter column (the columns are id, term, week, topic, sub_topics, reference, hours, prior_knowledge, resources, informal_assessment, formal_type, formal_weight, formal_date, formal_common)',
      'row 1, column 5: has values below it but no name',
      'row 1: the column week is missing',
    ]);
  });

  it('an empty file, a header alone, and an unclosed quote', () => {
    expect(errors('')).toEqual(['row 1: the file is empty; the first row must name the columns']);
    expect(errors('term,week,topic\r\n')).toEqual(['row 2: the file has no entries below the header row']);
    expect(errors('term,week,topic\n1,1,"Cells\n1,2,Tissues\n')).toEqual([
      'row 2: a quoted value is not closed (a " is missing)',
    ]);
  });

  it('text after a closing quote', () => {
    expect(errors('term,week,topic\n1,1,"Cells" and more\n')).toEqual([
      'row 2: there is text after the closing " of a quoted value',
    ]);
  });
});

describe('Nothing is imported until the whole file is clean', () => {
  it('a file with one bad row leaves the pace-setter exactly as it was', () => {
    const doc = paceSetterDoc();
    importPaceSetterCsv(doc, 'term,week,topic\n1,1,Cells\n', 'replace', leader);
    const before = Y.encodeStateAsUpdate(doc);
    const outcome = importPaceSetterCsv(
      doc,
      'term,week,topic\n1,2,Tissues\n1,two,Organs\n',
      'replace',
      leader,
    );
    expect(outcome).toMatchObject({
      ok: false,
      errors: [
        { row: 3, column: 'week', message: "row 3, column week: 'two' is not a whole number from 1 to 20" },
      ],
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(readEntries(doc).map((e) => e.topic)).toEqual(['Cells']);
  });
});
