import { z } from 'zod';

// The forms of the key-task screens as zod schemas with Chinese messages naming the field.

const day = z
  .string({ message: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(
    (d) =>
      !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    '日期无效',
  );
const optionalDay = z
  .union([day, z.literal('')])
  .optional()
  .transform((v) => v || null);
const text = (label: string, max: number) =>
  z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不超过 ${max} 字`);

export const decomposeSchema = z.object({
  agencyId: z.string({ message: '请选择责任单位' }).min(1, '请选择责任单位').max(64),
  ownerUserId: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || null),
  ownerName: z
    .string()
    .trim()
    .max(40, '责任人不超过 40 字')
    .optional()
    .transform((v) => v || ''),
  deadline: optionalDay,
  evidenceRequired: text('佐证材料要求', 500),
});
export type DecomposeInput = z.output<typeof decomposeSchema>;

export const progressSchema = z.object({
  progress: z.coerce
    .number({ message: '进度应为 0 到 100 的整数' })
    .int('进度应为 0 到 100 的整数')
    .min(0, '进度应为 0 到 100 的整数')
    .max(100, '进度应为 0 到 100 的整数'),
  note: text('进展情况', 1000),
});

export const returnSchema = z.object({ reason: text('退回理由', 500) });

export const linkEvidenceSchema = z.object({
  itemId: z.string({ message: '请选择已发布的信息' }).min(1, '请选择已发布的信息').max(64),
  note: z
    .string()
    .trim()
    .max(200, '说明不超过 200 字')
    .optional()
    .transform((v) => v ?? ''),
});

export const staffSchema = z.object({
  agencyId: z.string({ message: '请选择单位' }).min(1, '请选择单位').max(64),
  name: text('姓名', 40),
  position: text('职务', 60),
  phone: z
    .string({ message: '请填写联系电话' })
    .trim()
    .regex(/^[0-9+\-() ]{7,20}$/, '联系电话格式不正确'),
  email: z
    .union([z.email({ message: '电子邮箱格式不正确' }), z.literal('')])
    .optional()
    .transform((v) => v || null),
  fullTime: z.enum(['1', '0'], { message: '请选择专职或兼职' }).transform((v) => (v === '1' ? 1 : 0)),
  since: day,
});
export type StaffInput = z.output<typeof staffSchema>;

export const trainingSchema = z.object({
  heldOn: day,
  title: text('培训名称', 120),
  organizer: text('主办单位', 60),
  hours: z.coerce.number({ message: '学时应为数字' }).positive('学时应大于 0').max(200, '学时不超过 200'),
});

export const meetingSchema = z.object({
  agencyId: z.string({ message: '请选择单位' }).min(1, '请选择单位').max(64),
  heldOn: day,
  attendees: text('参会人员', 1000),
  topics: text('会议议题', 2000),
  decisions: text('议定事项', 4000),
});
