import { z } from 'zod';
import { genres } from '../../../modules/documents';

// The API's contract in one place: input schemas (validated by parseInput, 400 naming the field) and
// response schemas (strict, so a response cannot grow a field unnoticed). openapi.ts documents both.

// A whole number from a query string. Anything not made of digits is refused with the field's own message
// (a custom issue: parseInput words every invalid_type issue as "此项必填"). `fallback` is only documented
// here (JSON Schema `default`); the caller applies it.
const integerIn = (field: string, min: number, max: number, fallback?: number) => {
  const message = `${field} 须为 ${min}–${max} 之间的整数`;
  const number = z.number().int(message).min(min, message).max(max, message);
  return z.preprocess(
    (value, ctx) => {
      if (typeof value === 'number') return value;
      if (typeof value === 'string' && /^\d{1,9}$/.test(value)) return Number(value);
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    },
    fallback === undefined ? number : number.meta({ default: fallback }),
  );
};
export const DEFAULT_PAGE_SIZE = 20;

/** Query of GET /items before cross-field rules: the shape the OpenAPI parameters are made from. */
export const itemsQueryShape = z.object({
  agency: z
    .string()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, 'agency 须为机构代码（2–40 位小写字母、数字或连字符）')
    .optional()
    .describe('机构代码，见 /api/v1/agencies'),
  column: z
    .string()
    .min(1, 'column 不能为空')
    .max(60, 'column 不超过 60 字符')
    .optional()
    .describe('栏目代码，须同时指定 agency；见 /api/v1/agencies/{code}/columns'),
  year: integerIn('year', 1900, 2100).optional().describe('发布年份（北京时间）'),
  genre: z
    .enum(genres as [string, ...string[]], { error: 'genre 须为列表中的体裁' })
    .optional()
    .describe('体裁'),
  subject: z
    .string()
    .min(1, 'subject 不能为空')
    .max(64, 'subject 不超过 64 字符')
    .optional()
    .describe('主题分类 id；一级分类同时匹配其下的二级分类'),
  page: integerIn('page', 1, 10_000, 1).default(1).describe('页码，从 1 开始'),
  pageSize: integerIn('pageSize', 1, 100, DEFAULT_PAGE_SIZE).optional().describe('每页条数'),
  limit: integerIn('limit', 1, 100).optional().meta({ deprecated: true, description: 'pageSize 的旧名称' }),
});

/** Query of GET /items: `column` needs `agency`; `limit` is the old name of `pageSize`. */
export const itemsQuery = itemsQueryShape
  .refine((q) => !q.column || q.agency, { path: ['column'], message: 'column 须与 agency 同时使用' })
  .transform(({ limit, pageSize, ...rest }) => ({
    ...rest,
    pageSize: pageSize ?? limit ?? DEFAULT_PAGE_SIZE,
  }));

export const itemParams = z.object({
  id: z.string().min(1, 'id 不能为空').max(64, 'id 不超过 64 字符').describe('信息 id'),
});

export const agencyParams = z.object({
  code: z.string().min(1, 'code 不能为空').max(40, 'code 不超过 40 字符').describe('机构代码'),
});

export const agencyListSchema = z.strictObject({
  agencies: z.array(
    z.strictObject({
      code: z.string(),
      name: z.string(),
      shortName: z.string(),
      kind: z.enum(['district', 'department']),
    }),
  ),
});

export const columnListSchema = z.strictObject({
  agency: z.string().describe('机构代码'),
  columns: z.array(z.strictObject({ slug: z.string(), name: z.string(), description: z.string() })),
});

const nullableText = z.string().nullable();

export const itemSummarySchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  url: z.string().describe('信息页面的站内路径'),
  publishedAt: z.string().nullable().describe('发布时间，ISO 8601 UTC'),
  source: z.string(),
  agency: z.string().describe('机构代码'),
  column: z.string().describe('栏目代码'),
  indexNumber: nullableText.describe('索引号'),
  docNumber: nullableText.describe('文号'),
  genre: nullableText.describe('体裁'),
  subject: nullableText.describe('主题分类 id'),
  summary: z.string(),
});

export const itemListSchema = z.strictObject({
  items: z.array(itemSummarySchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('符合条件的总条数'),
});

export const itemDetailSchema = itemSummarySchema.extend({
  agencyName: z.string(),
  columnName: z.string(),
  keywords: z.string(),
  issuer: nullableText.describe('发文机关'),
  writtenOn: nullableText.describe('成文日期 YYYY-MM-DD'),
  subjectLabel: z.string().describe('主题分类，"一级\\二级"'),
  disclosure: z.string().describe('公开方式，如“主动公开”'),
  bodyHtml: z.string().describe('正文 HTML（发布时已净化）'),
});

export const errorSchema = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('字段名 → 错误说明'),
  }),
});

export type ItemSummary = z.infer<typeof itemSummarySchema>;
export type ItemDetail = z.infer<typeof itemDetailSchema>;

/** GET /api/v1/search: ranked hits with HTML-escaped, <mark>-highlighted title and snippet. */
export const searchResultSchema = z.object({
  query: z.string(),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  hits: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string(),
      titleHtml: z.string(),
      snippetHtml: z.string(),
      publishedAt: z.string(),
      agency: z.string().nullable(),
    }),
  ),
});
