import { describe, expect, it } from 'vitest';
import { readDeadline } from './deadline-text';

describe('readDeadline', () => {
  it.each([
    ['2026年6月底前', { kind: 'day', day: '2026-06-30' }],
    ['2026年2月底前', { kind: 'day', day: '2026-02-28' }],
    ['6月30日前', { kind: 'day', day: '2026-06-30' }],
    ['2026-06-30', { kind: 'day', day: '2026-06-30' }],
    ['2026/9/1', { kind: 'day', day: '2026-09-01' }],
    ['2026年11月中旬', { kind: 'day', day: '2026-11-20' }],
    ['年底前', { kind: 'day', day: '2026-12-31' }],
    ['2026年第三季度', { kind: 'day', day: '2026-09-30' }],
    ['上半年', { kind: 'day', day: '2026-06-30' }],
    ['持续推进', { kind: 'ongoing' }],
    ['长期坚持', { kind: 'ongoing' }],
    ['按省统一部署', { kind: 'ongoing' }],
    ['2027年1月31日前', { kind: 'day', day: '2027-01-31' }],
  ])('%s', (text, expected) => {
    expect(readDeadline(text, 2026)).toEqual(expected);
  });

  it.each(['', '尽快', '2026-02-30', '13月底前', '6月31日前'])('refuses %j', (text) => {
    expect(readDeadline(text, 2026)).toBeNull();
  });
});
