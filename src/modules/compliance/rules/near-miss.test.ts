import { describe, expect, it } from 'vitest';
import { CONFUSION_PAIRS } from './confusion-table';
import { nearMissVariants } from './near-miss';

describe('near-miss variants of a canonical name', () => {
  const terms = (name: string) => nearMissVariants(name).map((v) => v.term);

  it.each([
    ['杜家毫', '杜家豪', '“毫”误作“豪”（音近）'],
    ['人民政府', '人民攻府', '“政”误作“攻”（形近）'],
    ['中华人民共和国', '中华人民共合国', '“和”误作“合”（音近）'],
    ['齐齐哈尔市', '齐齐哈市', '漏写“尔”'],
  ])('%s → %s (%s)', (name, variant, edit) => {
    expect(nearMissVariants(name)).toContainEqual({ term: variant, canonical: name, edit });
  });

  it('substitutes only in names of three or more characters and drops only in names of four or more', () => {
    expect(terms('政府')).toEqual([]);
    expect(terms('杜家毫')).toEqual(['社家毫', '杜家豪']);
  });

  it('never drops the first or last character, nor yields a substring of the name', () => {
    const variants = terms('齐齐哈尔市');
    expect(variants).not.toContain('齐哈尔市');
    expect(variants).not.toContain('齐齐哈尔');
    for (const v of terms('中华人民共和国')) expect('中华人民共和国'.includes(v)).toBe(false);
  });

  it('has a reason for every confusion pair, and no pair twice', () => {
    const keys = CONFUSION_PAIRS.map((p) => [p.a, p.b].sort().join(''));
    expect(new Set(keys).size).toBe(keys.length);
    for (const p of CONFUSION_PAIRS) expect(p.reason.length).toBeGreaterThan(0);
  });
});
