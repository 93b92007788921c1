import { isOutcomeCode, OUTCOME_CODES, type OutcomeCode, outcomeOf } from '../outcomes';

// The letters of a 依申请公开 case. Each kind has one template per agency (the agency's own, or the
// default in default-*-templates.ts); a reply letter is keyed by its outcome, `reply:<outcomeCode>`.

export const NOTICE_KINDS = [
  'receipt', // 受理回执 — 条例 Art. 31, 33
  'correction', // 补正告知书 — Art. 30
  'extension', // 延期答复告知书 — Art. 33 ¶2
  'thirdPartyConsultation', // 征求第三方意见函 — Art. 32
  'agencyConsultation', // 征求意见函 to a co-producing agency — Art. 34
  'feeNotice', // 收费通知书 — Art. 42, 国办函〔2020〕109号
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type ReplyKey = `reply:${OutcomeCode}`;
export type LetterKey = NoticeKind | ReplyKey;

/** Every letter key: the six notices, then one reply per outcome in the order of table 3. */
export const LETTER_KEYS: readonly LetterKey[] = [
  ...NOTICE_KINDS,
  ...OUTCOME_CODES.map((code): ReplyKey => `reply:${code}`),
];

const noticeNames: Record<NoticeKind, string> = {
  receipt: '受理回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  thirdPartyConsultation: '征求第三方意见函',
  agencyConsultation: '征求意见函（共同制作机关）',
  feeNotice: '收费通知书',
};

// Consultation letters go to the third party or the co-producing agency; every other letter to the applicant.
const consultationKinds: readonly string[] = ['thirdPartyConsultation', 'agencyConsultation'];

/** Whether a string is one of the letter keys. */
export function isLetterKey(key: string): key is LetterKey {
  return (NOTICE_KINDS as readonly string[]).includes(key) || isOutcomeCode(replyOutcomeCode(key) ?? '');
}

/** The outcome a reply key answers with, or null for a notice. */
export function replyOutcomeCode(key: string): OutcomeCode | null {
  if (!key.startsWith('reply:')) return null;
  const code = key.slice('reply:'.length);
  return isOutcomeCode(code) ? code : null;
}

/** The Chinese name of a letter kind, as the back office lists it. */
export function letterKindName(key: LetterKey): string {
  const code = replyOutcomeCode(key);
  if (!code) return noticeNames[key as NoticeKind];
  const outcome = outcomeOf(code);
  const detail = outcome.label === outcome.group ? '' : `：${outcome.label}`;
  return `答复告知书（${outcome.group}${detail}）`;
}

/** The addressee line's template: the applicant, or the party consulted. */
export function addresseeTemplateOf(key: LetterKey): string {
  return consultationKinds.includes(key) ? '{{thirdPartyName}}' : '{{applicantName}}';
}

/** Whether the letter refuses the applicant, so it must state the remedies (条例 Art. 51). */
export function isRefusalLetter(key: LetterKey): boolean {
  const code = replyOutcomeCode(key);
  return code !== null && outcomeOf(code).refusal;
}

/** A letter template: a one-line title and body paragraphs (one per line) with {{placeholders}}. */
export interface LetterTemplate {
  key: LetterKey;
  title: string;
  body: string;
}
