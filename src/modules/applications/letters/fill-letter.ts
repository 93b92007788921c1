import { AppError } from '../../../core/errors';
import { outcomeOf } from '../outcomes';
import { addresseeTemplateOf, isRefusalLetter, type LetterTemplate, replyOutcomeCode } from './letter-kinds';
import { type LetterValues, placeholderOf } from './placeholders';

// Filling a template is pure: text in, text out. The same checks guard the editor (unknown
// placeholders) and the issuing of a letter (every field used must have a value).

/** 条例 Art. 51; 行政复议法 Art. 20 (60 days); 行政诉讼法 Art. 46 (6 months): appended to every refusal. */
export const REMEDIES_PARAGRAPH =
  '如对本告知书不服，可以自收到本告知书之日起60日内向{{reconsiderationBody}}申请行政复议，或者自收到本告知书之日起6个月内向{{court}}提起行政诉讼。';

/**
 * 行政复议法 (2023) Art. 23 ¶1 (四): against a refusal to disclose (不予公开, including the withheld part of
 * a partial disclosure) the applicant must seek reconsideration first and may sue only after its decision.
 */
export const REVIEW_FIRST_REMEDIES_PARAGRAPH =
  '如对本告知书不服，可以自收到本告知书之日起60日内向{{reconsiderationBody}}申请行政复议；对行政复议决定不服的，可以依法向{{court}}提起行政诉讼。';

/** The remedies paragraph a reply with this outcome ends with. */
export function remediesParagraphFor(code: string): string {
  return code === 'partiallyDisclosed' || code.startsWith('withheld.')
    ? REVIEW_FIRST_REMEDIES_PARAGRAPH
    : REMEDIES_PARAGRAPH;
}

export interface FilledLetter {
  title: string;
  addressee: string;
  paragraphs: string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim()))];
}

/** 'YYYY-MM-DD' → 2026年11月25日 (GB/T 9704-2012 7.3.5: no leading zeros). */
export function formatChineseDate(isoDate: string): string {
  const m = ISO_DATE.exec(isoDate);
  const date = m ? new Date(`${isoDate}T00:00:00Z`) : null;
  if (!m || !date || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== isoDate)
    throw new AppError('validation', `日期格式有误：${isoDate}，应为“年-月-日”`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** The body's paragraphs: one per non-empty line. */
export function bodyParagraphs(body: string): string[] {
  return body
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Rejects a template with an unknown or broken placeholder, naming it (the editor's save check). */
export function checkLetterTemplate(template: Pick<LetterTemplate, 'key' | 'title' | 'body'>): void {
  const fields: Record<string, string> = {};
  for (const field of ['title', 'body'] as const) {
    const text = template[field];
    const unknown = placeholdersIn(text).filter((name) => !placeholderOf(name));
    if (unknown.length > 0)
      fields[field] = `模板使用了未知的占位符：${unknown.map((n) => `{{${n}}}`).join('、')}`;
    else if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER, '')))
      fields[field] = '模板中有不完整的占位符，占位符应写作 {{名称}}';
  }
  if (!fields.body && replyOutcomeCode(template.key) && !placeholdersIn(template.body).includes('basis'))
    fields.body = '答复告知书须引用法律依据，请在正文中保留 {{basis}}';
  const messages = Object.values(fields);
  if (messages.length > 0) throw new AppError('validation', messages.join('；'), { fields });
}

/**
 * Fills a template for issuing: the reply's {{basis}} comes from outcomes.ts, a refusal gets the remedies
 * paragraph, dates print in Chinese form; any field used without a value is an error naming it.
 */
export function fillLetter(template: LetterTemplate, values: LetterValues): FilledLetter {
  checkLetterTemplate(template);
  const code = replyOutcomeCode(template.key);
  const given: Record<string, string | undefined> = { ...values };
  if (code) given.basis = outcomeOf(code).basis;
  const paragraphs = bodyParagraphs(template.body);
  if (code && isRefusalLetter(template.key)) paragraphs.push(remediesParagraphFor(code));
  const addressee = addresseeTemplateOf(template.key);
  const used = placeholdersIn([template.title, addressee, ...paragraphs].join('\n'));
  const missing = used.filter((name) => !given[name]?.trim());
  if (missing.length > 0) {
    const named = missing.map((n) => `${placeholderOf(n)?.label}（${n}）`);
    throw new AppError('validation', `文书缺少以下内容，无法生成：${named.join('、')}`, {
      fields: Object.fromEntries(missing.map((n) => [n, '此项必填'])),
    });
  }
  const rendered = new Map(used.map((name) => [name, renderValue(name, given[name]?.trim() ?? '')]));
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_, name: string) => rendered.get(name.trim()) ?? '');
  return {
    title: fill(template.title),
    addressee: fill(addressee),
    paragraphs: paragraphs.flatMap((p) => bodyParagraphs(fill(p))), // a multi-line value makes paragraphs
  };
}

function renderValue(name: string, value: string): string {
  if (placeholderOf(name)?.kind !== 'date' || /^\d{4}年\d{1,2}月\d{1,2}日$/.test(value)) return value;
  try {
    return formatChineseDate(value);
  } catch {
    throw new AppError('validation', `${placeholderOf(name)?.label}（${name}）的日期格式有误：${value}`, {
      fields: { [name]: '日期格式应为“年-月-日”' },
    });
  }
}
