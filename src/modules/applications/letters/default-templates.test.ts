import { describe, expect, it } from 'vitest';
import { OUTCOME_CODES, OUTCOMES, outcomeOf } from '../outcomes';
import { defaultLetterTemplate } from './default-templates';
import { fillLetter, placeholdersIn } from './fill-letter';
import { LETTER_KEYS, type LetterKey, letterKindName, NOTICE_KINDS } from './letter-kinds';
import { exampleLetterValues, PLACEHOLDERS } from './placeholders';

const examples = exampleLetterValues();
const documented = new Set<string>(PLACEHOLDERS.map((p) => p.name));

describe('default letter templates', () => {
  it('has a reply template for every one of the 21 outcomes, and the six notices', () => {
    expect(OUTCOME_CODES).toHaveLength(21);
    expect(LETTER_KEYS).toHaveLength(27);
    for (const code of OUTCOME_CODES) expect(LETTER_KEYS).toContain(`reply:${code}`);
    for (const kind of NOTICE_KINDS) expect(LETTER_KEYS).toContain(kind);
  });

  it.each(LETTER_KEYS.map((k) => [k]))('%s uses only documented placeholders and fills completely', (key) => {
    const template = defaultLetterTemplate(key as LetterKey);
    expect(template.title).toMatch(/^政府信息.*(回执|告知书|函|通知书)$/);
    expect(letterKindName(key as LetterKey)).not.toBe('');
    for (const name of placeholdersIn(`${template.title}\n${template.body}`))
      expect(documented).toContain(name);
    const letter = fillLetter(template, examples);
    const text = [letter.title, letter.addressee, ...letter.paragraphs].join('\n');
    expect(text).not.toContain('{{');
    expect(text).not.toContain('}}');
    expect(text).toContain('2026年11月2日'); // receivedOn, in Chinese date form
    expect(letter.paragraphs.length).toBeGreaterThanOrEqual(2);
  });

  it.each(OUTCOMES.map((o) => [o.code]))('the %s reply cites the outcome basis from outcomes.ts', (code) => {
    const letter = fillLetter(defaultLetterTemplate(`reply:${code}`), {
      ...examples,
      basis: '（错误的依据）',
    });
    expect(letter.paragraphs.join('')).toContain(`根据${outcomeOf(code).basis}的规定`);
    expect(letter.paragraphs.join('')).not.toContain('错误的依据');
  });

  it.each(OUTCOMES.filter((o) => o.refusal).map((o) => [o.code]))(
    'the %s refusal ends with the remedies: 行政复议 within 60 days, then or instead 行政诉讼',
    (code) => {
      const letter = fillLetter(defaultLetterTemplate(`reply:${code}`), examples);
      const last = letter.paragraphs.at(-1) ?? '';
      // 行政复议法 (2023) Art. 23: a refusal to disclose goes to reconsideration before any lawsuit.
      const reviewFirst = code === 'partiallyDisclosed' || code.startsWith('withheld.');
      expect(last).toBe(
        reviewFirst
          ? '如对本告知书不服，可以自收到本告知书之日起60日内向某区人民政府申请行政复议；对行政复议决定不服的，可以依法向某区人民法院提起行政诉讼。'
          : '如对本告知书不服，可以自收到本告知书之日起60日内向某区人民政府申请行政复议，或者自收到本告知书之日起6个月内向某区人民法院提起行政诉讼。',
      );
    },
  );

  it('gives the disclosure no remedies paragraph, and sends consultations to the party consulted', () => {
    const disclosed = fillLetter(defaultLetterTemplate('reply:disclosed'), examples);
    expect(disclosed.paragraphs.join('')).not.toContain('行政复议');
    expect(disclosed.addressee).toBe('张三');
    const consultation = fillLetter(defaultLetterTemplate('thirdPartyConsultation'), examples);
    expect(consultation.addressee).toBe('某某科技有限公司');
    expect(consultation.paragraphs.join('')).toContain('15个工作日');
    expect(fillLetter(defaultLetterTemplate('agencyConsultation'), examples).paragraphs.join('')).toContain(
      '逾期未提出意见的，视为同意公开',
    );
  });

  it('states the fee notice basis, amount, payment and the deemed abandonment', () => {
    const text = fillLetter(defaultLetterTemplate('feeNotice'), examples).paragraphs.join('');
    expect(text).toContain('国办函〔2020〕109号');
    expect(text).toContain('人民币300元');
    expect(text).toContain('自收到本通知书之日的次日起20个工作日内');
    expect(text).toContain('视为放弃申请');
  });

  it('splits a multi-line correction list into paragraphs', () => {
    const letter = fillLetter(defaultLetterTemplate('correction'), examples);
    expect(letter.paragraphs).toContain('二、请补充提交申请人的有效身份证明。');
  });
});
