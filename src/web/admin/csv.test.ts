import { describe, expect, it } from 'vitest';
import { toCsvLine } from './csv';

describe('toCsvLine', () => {
  it('quotes commas, quotes and newlines', () => {
    expect(toCsvLine(['a,b', 'say "hi"', 'two\nlines', null, 3])).toBe(
      '"a,b","say ""hi""","two\nlines",,3\r\n',
    );
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(toCsvLine(['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', 'ok'])).toBe(
      `"'=HYPERLINK(""x"")",'+1,'-2,'@SUM(A1),ok\r\n`,
    );
  });
});
