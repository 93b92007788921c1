import { z } from 'zod';
import { parseInput } from '../../../core/validation';
import { isIsoDay } from '../../calendar';
import { type RuleContext, WORDING_RULE_TYPES, type WordingRule } from './wording.types';

// Validation of a rule as entered in the back office or imported (zod at the boundary). Field paths are
// the form's input names (context.before, options.skipNoise), so each message lands beside its field.

const emptyToNull = (v: unknown) =>
  v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v;

const wordList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(/[,，、|;；\s]+/).filter(Boolean) : (v ?? [])),
  z.array(z.string().trim().min(1).max(50, '每个词不超过 50 字')).max(50, '最多 50 个词'),
);

const day = (label: string) =>
  z.preprocess(
    emptyToNull,
    z.string().refine(isIsoDay, `${label}应为 YYYY-MM-DD 格式的有效日期，如 2018-03-17`).nullable(),
  );

const flag = z.preprocess(
  (v) => (typeof v === 'string' ? ['1', 'on', 'true', 'yes', '是'].includes(v.trim().toLowerCase()) : v),
  z.boolean({ error: '应为是或否' }),
);

const ruleSchema = z
  .object({
    id: z.preprocess(emptyToNull, z.string().trim().max(200, '编号不超过 200 字').nullable()).default(null),
    type: z.enum(WORDING_RULE_TYPES as [WordingRule['type'], ...WordingRule['type'][]], {
      error: '请选择规则类型',
    }),
    term: z.string({ error: '请填写词语' }).trim().min(1, '请填写词语').max(100, '词语不超过 100 字'),
    suggestion: z.preprocess(emptyToNull, z.string().trim().max(100, '建议改为不超过 100 字').nullable()),
    severity: z.enum(['veto', 'ordinary'], { error: '请选择严重程度' }),
    explanation: z.string({ error: '请填写说明' }).trim().min(1, '请填写说明').max(500, '说明不超过 500 字'),
    basis: z
      .string({ error: '请填写依据（法规或编辑规范）' })
      .trim()
      .min(1, '请填写依据（法规或编辑规范）')
      .max(300, '依据不超过 300 字'),
    source: z.string().trim().max(500, '来源不超过 500 字').default(''),
    tags: wordList.default([]),
    validFrom: day('起用日期').default(null),
    validTo: day('停用日期').default(null),
    context: z
      .object({
        before: wordList.default([]),
        after: wordList.default([]),
        window: z.coerce
          .number({ error: '间隔应为 0–10 的整数' })
          .int('间隔应为 0–10 的整数')
          .min(0, '间隔应为 0–10 的整数')
          .max(10, '间隔应为 0–10 的整数')
          .optional(),
      })
      .nullable()
      .default(null),
    options: z
      .object({
        skipNoise: z.coerce
          .number()
          .int('可跳过的干扰字符应为 0–16 的整数')
          .min(0, '可跳过的干扰字符应为 0–16 的整数')
          .max(16, '可跳过的干扰字符应为 0–16 的整数')
          .optional(),
        foldRepeats: flag.optional(),
      })
      .default({}),
    enabled: flag.default(true),
  })
  .superRefine((r, issue) => {
    const add = (path: string[], message: string) => issue.addIssue({ code: 'custom', path, message });
    const words = (r.context?.before.length ?? 0) + (r.context?.after.length ?? 0);
    if (r.type === 'context' && words === 0) add(['context', 'before'], '语境规则须填写前面或后面的词语');
    if (r.type === 'wrong_right' && !r.suggestion) add(['suggestion'], '错误→正确规则须填写“建议改为”');
    if (r.type === 'official_name' && Array.from(r.term).length < 2) add(['term'], '规范名称至少 2 个字');
    if (r.validFrom && r.validTo && r.validTo < r.validFrom) add(['validTo'], '停用日期不能早于起用日期');
  });

export type RuleInput = Omit<z.output<typeof ruleSchema>, 'context'> & { context: RuleContext | null };

/** A validated rule; official names suggest themselves; empty option objects are dropped. */
export function parseRuleInput(raw: unknown): RuleInput {
  const input = parseInput(ruleSchema, raw);
  const options = Object.fromEntries(
    Object.entries(input.options).filter(([, v]) => v !== undefined && v !== 0 && v !== false),
  );
  const c = input.context;
  // Stored without empty parts, so an export imports back identical.
  const context =
    c && c.before.length + c.after.length > 0
      ? {
          ...(c.before.length ? { before: c.before } : {}),
          ...(c.after.length ? { after: c.after } : {}),
          ...(c.window !== undefined ? { window: c.window } : {}),
        }
      : null;
  return {
    ...input,
    suggestion: input.type === 'official_name' ? input.term : input.suggestion,
    options,
    context,
  };
}

/** The nested shape of a posted form (inputs named context.before, options.skipNoise, …). */
export function ruleInputFromForm(body: Record<string, unknown>): Record<string, unknown> {
  const get = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const contextGiven = Boolean(get('context.before')?.trim() || get('context.after')?.trim());
  return {
    id: get('id'),
    type: get('type'),
    term: get('term'),
    suggestion: get('suggestion'),
    severity: get('severity'),
    explanation: get('explanation'),
    basis: get('basis'),
    source: get('source'),
    tags: get('tags'),
    validFrom: get('validFrom'),
    validTo: get('validTo'),
    context: contextGiven
      ? {
          before: get('context.before'),
          after: get('context.after'),
          window: get('context.window') || undefined,
        }
      : null,
    options: {
      skipNoise: get('options.skipNoise') || undefined,
      foldRepeats: get('options.foldRepeats') ?? false,
    },
    enabled: get('enabled') ?? '1',
  };
}

const allowSchema = z.object({
  phrase: z.string({ error: '请填写词语' }).trim().min(1, '请填写白名单词语').max(100, '词语不超过 100 字'),
  note: z.string().trim().max(200, '说明不超过 200 字').default(''),
});

/** A validated allow-list entry. */
export function parseAllowInput(raw: unknown): z.output<typeof allowSchema> {
  return parseInput(allowSchema, raw);
}
