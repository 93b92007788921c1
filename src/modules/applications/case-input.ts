import { z } from 'zod';
import { AppError } from '../../core/errors';

// Small input rules shared by the case steps.

/** A YYYY-MM-DD date field with its Chinese label in the message. */
export const dateField = (label: string) => z.iso.date({ message: `请填写${label}（YYYY-MM-DD）` });

/** Refuses a legal date later than today (a step is recorded when it has happened). */
export function notAfter(day: string, today: string, field: string): void {
  if (day > today)
    throw new AppError('validation', '日期不能晚于今天', { fields: { [field]: '不能晚于今天' } });
}
