import { describe, expect, it } from 'vitest';
import { summariseCleanResult } from './clean-summary';
import { cleanText } from './text-cleaner';

describe('summariseCleanResult', () => {
  it('reports removed annotations and the conversion', () => {
    expect(summariseCleanResult(cleanText('區(qū)經(jīng)信局\r\n'))).toEqual([
      '已删除拼音注音 2 处，全文已转换为简体（2 个字）',
      '已整理空白 1 处',
    ]);
  });

  it('lists traditional characters by line and column, counting characters', () => {
    expect(summariseCleanResult(cleanText('第一行\n𠀀開展'))).toEqual([
      '发现繁体字 1 个（未修改，请核对）：',
      '  第 2 行第 2 字：開 → 开',
    ]);
  });

  it('lists at most the requested number and counts the rest', () => {
    const lines = summariseCleanResult(cleanText('區經發開況'), 2);
    expect(lines).toEqual([
      '发现繁体字 5 个（未修改，请核对）：',
      '  第 1 行第 1 字：區 → 区',
      '  第 1 行第 2 字：經 → 经',
      '  另有 3 个未列出',
    ]);
  });

  it('says so when there was nothing to clean', () => {
    expect(summariseCleanResult(cleanText('已是规范文本。'))).toEqual(['文本无需整理']);
  });
});
