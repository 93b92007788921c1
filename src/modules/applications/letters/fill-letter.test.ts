import { describe, expect, it } from 'vitest';
import { AppError } from '../../../core/errors';
import { checkLetterTemplate, fillLetter, formatChineseDate, placeholdersIn } from './fill-letter';
import { formatLetterNumber } from './letter-number';

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('filling a letter template', () => {
  it.each([
    ['2026-11-25', '2026年11月25日'],
    ['2026-01-05', '2026年1月5日'],
  ])('prints %s as %s', (iso, chinese) => {
    expect(formatChineseDate(iso)).toBe(chinese);
  });

  it.each(['2026-02-30', '2026/11/25', '25.11.2026'])('refuses the date %s', (bad) => {
    expect(() => formatChineseDate(bad)).toThrow('日期格式有误');
  });

  it('substitutes placeholders once, leaving braces in values alone', () => {
    const letter = fillLetter(
      {
        key: 'extension',
        title: '告知书',
        body: '因{{ extensionReason }}，延长{{extensionDays}}个工作日，至{{extendedDueOn}}。',
      },
      {
        applicantName: '李四',
        extensionReason: '{{court}}',
        extensionDays: '10',
        extendedDueOn: '2026-12-01',
      },
    );
    expect(letter).toEqual({
      title: '告知书',
      addressee: '李四',
      paragraphs: ['因{{court}}，延长10个工作日，至2026年12月1日。'],
    });
  });

  it('rejects an unknown placeholder, naming it in Chinese', () => {
    const error = errorOf(() =>
      checkLetterTemplate({
        key: 'receipt',
        title: '回执',
        body: '{{applicantName}}：{{申请人电话}}{{foo}}',
      }),
    );
    expect(error.code).toBe('validation');
    expect(error.message).toBe('模板使用了未知的占位符：{{申请人电话}}、{{foo}}');
    expect(error.fields).toEqual({ body: error.message });
  });

  it('rejects a broken placeholder and a reply without its legal basis', () => {
    expect(() => checkLetterTemplate({ key: 'receipt', title: '回执{{applicantName', body: '正文' })).toThrow(
      '不完整的占位符',
    );
    expect(() =>
      checkLetterTemplate({ key: 'reply:disclosed', title: '告知书', body: '予以公开。' }),
    ).toThrow('{{basis}}');
  });

  it('names every field without a value at issue time, including the remedies of a refusal', () => {
    const error = errorOf(() =>
      fillLetter(
        { key: 'reply:unable.notHeld', title: '告知书', body: '根据{{basis}}，{{outcomeNote}}' },
        { applicantName: '张三', outcomeNote: '  ' },
      ),
    );
    expect(error.message).toBe(
      '文书缺少以下内容，无法生成：办理结果说明（不予公开的部分及理由／信息公开的位置和获取方式／负责公开的机关名称及联系方式）（outcomeNote）、行政复议机关（reconsiderationBody）、管辖人民法院（court）',
    );
    expect(Object.keys(error.fields ?? {})).toEqual(['outcomeNote', 'reconsiderationBody', 'court']);
  });

  it('refuses a malformed date value, naming the field', () => {
    expect(() =>
      fillLetter(
        { key: 'receipt', title: '回执', body: '{{receivedOn}}' },
        { applicantName: '张三', receivedOn: '11月' },
      ),
    ).toThrow('收到申请之日（receivedOn）的日期格式有误');
  });

  it('lists placeholders in order of first use', () => {
    expect(placeholdersIn('{{a}}{{b}}{{ a }}')).toEqual(['a', 'b']);
  });

  it('numbers letters per agency and year in the GB/T 9704 form', () => {
    expect(formatLetterNumber('区经信局依申', 2026, 3)).toBe('区经信局依申〔2026〕3号');
    expect(() => formatLetterNumber('区经信局依申', 2026, 0)).toThrow();
  });
});
