import { boosted, findContext } from '../context';
import type { Candidate, Recogniser } from '../types';
import { isResidentIdNumber, isUnifiedSocialCreditCode, passesLuhn } from '../validators';

// Bank card numbers (compliance.md §2.5): 16–19 digits, plain or grouped by four. Luhn raises the score but
// does not reject (some UnionPay numbers fail it); a 62 (UnionPay) prefix and labels raise it too. Runs that
// are valid ID numbers or USCCs belong to those recognisers; runs labelled as order or file numbers are not cards.

const CONTEXT = ['卡号', '银行卡', '账号', '帐号', '开户', '账户', '银行', '社保卡'];
const NOT_A_CARD = ['编号', '订单', '流水', '单号', '合同', '项目', '索引', '档案', '证号', '文号', '条码'];
const CARD = /(?<![0-9A-Za-z*＊])(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?![0-9A-Za-z*＊])/g;

function cardScore(digits: string): { score: number; reasons: string[] } {
  let score = /^[3-69]/.test(digits) ? 0.3 : 0.1; // major industry identifiers of banking cards
  const reasons: string[] = [];
  if (passesLuhn(digits)) {
    score += 0.25;
    reasons.push('Luhn校验通过');
  }
  if (digits.startsWith('62')) {
    score += 0.15;
    reasons.push('银联62开头');
  }
  return { score, reasons };
}

export const bankCardRecogniser: Recogniser = {
  name: 'bank_card',
  recognise(doc) {
    const found: Candidate[] = [];
    for (const m of doc.text.matchAll(CARD)) {
      const digits = m[0].replace(/[ -]/g, '');
      if (digits.length < 16 || digits.length > 19) continue;
      if (isResidentIdNumber(digits, doc.now) || isUnifiedSocialCreditCode(digits)) continue;
      const end = m.index + m[0].length;
      if (findContext(doc, m.index, end, NOT_A_CARD)) continue;
      const { score, reasons } = cardScore(digits);
      const word = findContext(doc, m.index, end, CONTEXT);
      if (word) reasons.push(`上下文“${word}”`);
      const reason = `${digits.length}位卡号${reasons.length ? `（${reasons.join('，')}）` : ''}`;
      found.push({
        type: 'bank_card',
        start: m.index,
        end,
        text: m[0],
        score: word ? boosted(score) : score,
        reason,
      });
    }
    return found;
  },
};
