import { describe, expect, it } from 'vitest';
import { applyTable, noiseClassTable, normalisationTable, SKIP } from './normalise-table';

describe('normalisationTable', () => {
  const table = normalisationTable();
  it.each([
    ['full-width letters and case', 'ＡＢｃ', 'abc'],
    ['full-width digits and punctuation', '１２３，／', '123,/'],
    ['ideographic space', '\u3000', ' '],
    ['circled digit', '①', '1'],
    ['traditional → simplified', '國務院辦公廳後', '国务院办公厅后'],
    ['simplified stays', '国务院办公厅', '国务院办公厅'],
    ['zero-width, BOM, soft hyphen, variation selector dropped', 'a\u200b\ufeff\u00ad\ufe0fb', 'ab'],
    ['surrogate pair kept', '😀𠀀', '😀𠀀'],
  ])('%s', (_, input, want) => expect(applyTable(table, input)).toBe(want));

  it('maps one unit to one unit or SKIP', () => {
    expect(table.length).toBe(0x10000);
    expect(table[0x200b]).toBe(SKIP);
  });
});

describe('noiseClassTable', () => {
  const noise = noiseClassTable();
  it.each([...' *，、。·★（）【】-_/\u3000'])('%s is noise', (ch) => expect(noise[ch.charCodeAt(0)]).toBe(1));
  it.each([...'政府a1Ａ國'])('%s is not noise', (ch) => expect(noise[ch.charCodeAt(0)]).toBe(0));
});
