import { z } from 'zod';
import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import type { VetoClass } from '../../db/schema-inspections';
import type { Thresholds } from './rules';

// Validation of the inspection rules as edited in the back office (architecture.md: rules are data,
// with their legal basis beside each). Every message names its field in Chinese; field paths are the
// form's input names so each message lands beside its field.

export const vetoClassLabels: Record<VetoClass, string> = {
  dynamic: '动态、要闻类（2周内须更新）',
  notice_policy: '通知公告、政策文件类一级栏目（6个月内须更新）',
  long_cycle: '人事、规划计划类（1年内须更新）',
  none: '不计入单项否决',
};

export const ruleFieldLabels: Record<string, string> = {
  vetoClass: '否决类别',
  nationalMaxDays: '全国最长期限（天）',
  warnDays: '预警提前（天）',
  blankExempt: '不计空白栏目',
  basis: '依据',
  columnId: '栏目',
};

const emptyToNull = (v: unknown) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? null : v;

/** A positive whole number up to `max`, or null when the field is left empty. */
const optionalDays = (label: string, max: number) =>
  z.preprocess(
    emptyToNull,
    z.coerce
      .number({ error: `${label}应为正整数` })
      .int(`${label}应为正整数`)
      .min(1, `${label}应为正整数`)
      .max(max, `${label}不能超过 ${max}`)
      .nullable(),
  );

const basis = z
  .string({ error: '请填写依据（文件名称及条款）' })
  .trim()
  .min(1, '请填写依据（文件名称及条款）')
  .max(500, '依据不超过 500 字');

const flag = z.preprocess(
  (v) => (typeof v === 'string' ? ['1', 'on', 'true'].includes(v.trim().toLowerCase()) : Boolean(v)),
  z.boolean(),
);

const ruleSchema = z
  .object({
    vetoClass: z.enum(['dynamic', 'notice_policy', 'long_cycle', 'none'], { error: '请选择否决类别' }),
    nationalMaxDays: optionalDays('全国最长期限', 3650),
    warnDays: optionalDays('预警提前天数', 3650),
    blankExempt: flag.default(false),
    basis,
  })
  .superRefine((r, issue) => {
    const add = (path: string, message: string) => issue.addIssue({ code: 'custom', path: [path], message });
    // 19号 「栏目不更新」1 and the 2015 普查 count a column against a national limit: the class needs one.
    if (r.vetoClass !== 'none' && r.nationalMaxDays === null)
      add('nationalMaxDays', '计入单项否决的栏目须填写全国最长期限（天）');
    if (r.warnDays !== null && r.nationalMaxDays !== null && r.warnDays >= r.nationalMaxDays)
      add('warnDays', `预警提前天数应小于全国最长期限（${r.nationalMaxDays} 天）`);
  });

export type FreshnessRuleInput = z.output<typeof ruleSchema>;

/** A freshness rule as entered; throws a validation AppError naming each bad field. */
export function parseFreshnessRuleInput(raw: unknown): FreshnessRuleInput {
  return parseInput(ruleSchema, raw);
}

const overrideSchema = z.object({
  columnId: z.string({ error: '请选择栏目' }).trim().min(1, '请选择栏目').max(64, '栏目无效'),
});

/** The column a new per-column override is for. */
export function parseOverrideColumn(raw: unknown): string {
  return parseInput(overrideSchema, raw).columnId;
}

export type ThresholdKey = keyof Thresholds;

interface ThresholdSpec {
  column: string; // inspection_thresholds.key
  label: string;
  unit: string;
  max: number;
  below?: ThresholdKey; // must stay below this one (a warning comes before its veto)
}

/** Each threshold: its stored key, name, unit and limits, in the order the page lists them. */
export const thresholdSpecs: Record<ThresholdKey, ThresholdSpec> = {
  homeVetoDays: { column: 'home_veto_days', label: '首页无更新即否决（天）', unit: '天', max: 365 },
  homeWarnDays: {
    column: 'home_warn_days',
    label: '首页无更新预警（天）',
    unit: '天',
    max: 365,
    below: 'homeVetoDays',
  },
  keyStaleVeto: { column: 'key_stale_veto', label: '重点栏目不更新否决（个）', unit: '个', max: 1000 },
  staleColumnsVeto: {
    column: 'stale_columns_veto',
    label: '长期不更新栏目否决（个）',
    unit: '个',
    max: 1000,
  },
  staleColumnsWarn: {
    column: 'stale_columns_warn',
    label: '长期不更新栏目预警（个）',
    unit: '个',
    max: 1000,
    below: 'staleColumnsVeto',
  },
  blankColumnsVeto: { column: 'blank_columns_veto', label: '空白栏目否决（个）', unit: '个', max: 1000 },
  blankColumnsWarn: {
    column: 'blank_columns_warn',
    label: '空白栏目预警（个）',
    unit: '个',
    max: 1000,
    below: 'blankColumnsVeto',
  },
  columnWarnPercent: {
    column: 'column_warn_percent',
    label: '无专门规则栏目的预警点（更新周期的百分比）',
    unit: '%',
    max: 99,
  },
  rectifyDaysVeto: {
    column: 'rectify_days_veto',
    label: '否决类问题整改期限（工作日）',
    unit: '个工作日',
    max: 60,
  },
  rectifyDaysDeduct: {
    column: 'rectify_days_deduct',
    label: '扣分类问题整改期限（工作日）',
    unit: '个工作日',
    max: 60,
  },
};

/** The threshold key of a stored key ('home_veto_days' → 'homeVetoDays'), or undefined. */
export function thresholdKeyOf(column: string): ThresholdKey | undefined {
  return (Object.keys(thresholdSpecs) as ThresholdKey[]).find((k) => thresholdSpecs[k].column === column);
}

/** A threshold as entered, checked against the others (a warning point stays below its veto point). */
export function parseThresholdInput(
  key: ThresholdKey,
  raw: unknown,
  current: Thresholds,
): { value: number; basis: string } {
  const spec = thresholdSpecs[key];
  const name = spec.label.replace(/（.*）$/, '');
  const input = parseInput(
    z.object({
      value: z.preprocess(
        emptyToNull,
        z.coerce
          .number({ error: `请填写${name}` })
          .int(`${name}应为正整数`)
          .min(1, `${name}应为正整数`)
          .max(spec.max, `${name}不能超过 ${spec.max}`),
      ),
      basis,
    }),
    raw,
  );
  const pairs = (Object.keys(thresholdSpecs) as ThresholdKey[]).flatMap((k) => {
    const below = thresholdSpecs[k].below;
    return below ? [[k, below] as const] : [];
  });
  const next = { ...current, [key]: input.value };
  for (const [low, high] of pairs) {
    if ((key === low || key === high) && next[low] >= next[high]) {
      const message = `${thresholdSpecs[low].label}（${next[low]}）应小于${thresholdSpecs[high].label}（${next[high]}）`;
      throw new AppError('validation', message, { fields: { value: message } });
    }
  }
  return input;
}
