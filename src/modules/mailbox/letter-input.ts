import { z } from 'zod';
import { parseInput } from '../../core/validation';
import type { LetterRating, LetterStatus, LetterType } from '../../db/schema-mailbox';
import { emailAddressSchema } from '../mail';

// What a writer fills in (portal-standards.md §8.2 "Design for Gongkai"): type, a short subject, a body
// of at most 1000 字, name, a telephone number, an optional e-mail, and the 公开意愿. One matter per letter.

export const letterTypeLabels: Record<LetterType, string> = {
  consult: '咨询',
  suggest: '建议',
  complain: '投诉',
  help: '求助',
  other: '其他',
};

export const letterStatusLabels: Record<LetterStatus, string> = {
  held: '待核实',
  set_aside: '已搁置（非来信）',
  received: '已收信待受理',
  accepted: '办理中',
  review: '答复待审核',
  approved: '答复已审核待发送',
  answered: '已答复',
  invalid: '不予受理',
  merged: '已合并办理',
};

export const ratingLabels: Record<LetterRating, string> = {
  satisfied: '满意',
  basic: '基本满意',
  dissatisfied: '不满意',
};

export const LETTER_TYPES = Object.keys(letterTypeLabels) as LetterType[];
export const SUBJECT_MAX = 40;
export const CONTENT_MAX = 1000;

const phonePattern = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

export const letterSchema = z.object({
  type: z.enum(LETTER_TYPES as [LetterType, ...LetterType[]], { error: '请选择来信类型' }),
  subject: z
    .string({ error: '请填写标题' })
    .trim()
    .min(4, '标题至少 4 个字')
    .max(SUBJECT_MAX, `标题不超过 ${SUBJECT_MAX} 个字`),
  content: z
    .string({ error: '请填写来信内容' })
    .trim()
    .min(10, '来信内容至少 10 个字')
    .max(CONTENT_MAX, `来信内容不超过 ${CONTENT_MAX} 个字`),
  name: z.string({ error: '请填写姓名' }).trim().min(1, '请填写姓名').max(30, '姓名不超过 30 个字'),
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .transform((v) => v.replace(/[\s]/g, ''))
    .pipe(z.string().regex(phonePattern, '请填写11位手机号码或带区号的固定电话，如 0571-87654321')),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || undefined)
    .pipe(emailAddressSchema.optional()),
  consent: z.enum(['yes', 'no'], { error: '请选择是否同意公开' }),
});

export type LetterInput = z.output<typeof letterSchema>;

/** Parses the public form; every wrong field gets a Chinese message. */
export function parseLetter(raw: unknown): LetterInput {
  return parseInput(letterSchema, raw);
}
