import { z } from 'zod';

/** An e-mail address as the outbox and the staff records accept it: trimmed, case-folded, at most 254. */
export const emailAddressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, '电子邮箱地址过长')
  .pipe(z.email('请填写有效的电子邮箱地址，如 zhangsan@example.gov.cn'));
