import { z } from 'zod';
import { AppError, type FieldErrors } from './errors';

/** Validates input against a zod schema; on failure throws one AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  // reportInput: zod 4 leaves the input out of issues otherwise, and a missing field looks like a wrong type.
  const result = schema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const fields: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join('.') || '_';
    // A missing field keeps the schema's own Chinese message ("请选择申请人类型"); zod's English default
    // (printable ASCII only) for a missing value becomes "此项必填".
    const missing = issue.code === 'invalid_type' && issue.input === undefined;
    fields[key] ??= missing && !/[^ -~]/.test(issue.message) ? '此项必填' : issue.message;
  }
  const summary = Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}`)
    .join('；');
  throw new AppError('validation', `输入有误：${summary}`, { fields });
}

/** A 1-based page number from a query string (default 1), refused in Chinese however it is wrong. */
export function pageNumber(max: number) {
  return z.coerce
    .number({ error: '页码须为正整数' }) // "abc" coerces to NaN
    .int('页码须为正整数')
    .min(1, '页码须为正整数')
    .max(max, '页码过大')
    .default(1);
}
