import { submitApplication } from '../../src/modules/applications';
import type { TestContext } from './test-context';

// A valid 居民身份证 number (GB 11643 sample, check character X) and a valid 统一社会信用代码.
export const SAMPLE_ID_NUMBER = '11010519491231002X';
export const SAMPLE_PHONE = '13812345678';

/** The fields of a valid online application by a natural person. */
export function personApplication(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    applicantType: 'natural',
    name: '张三',
    idType: '居民身份证',
    idNumber: SAMPLE_ID_NUMBER,
    phone: SAMPLE_PHONE,
    email: 'zhangsan@example.com',
    address: '示范市示范区人民路1号101室',
    description: '请公开2024年度示范区中小企业发展专项资金的分配结果',
    deliveryForm: 'electronic',
    deliveryChannel: 'online',
    ...overrides,
  };
}

let ipCounter = 0;

/** Submits a valid application online from a fresh address; returns the receipt and the stored row. */
export async function applyOnline(
  ctx: TestContext,
  agencyId: string,
  overrides: Record<string, string> = {},
) {
  const receipt = await submitApplication(
    ctx,
    agencyId,
    personApplication(overrides),
    `10.9.0.${++ipCounter % 250}`,
  );
  const row = await ctx.db
    .selectFrom('applications')
    .selectAll()
    .where('tracking_number', '=', receipt.trackingNumber)
    .executeTakeFirstOrThrow();
  return { receipt, row };
}
