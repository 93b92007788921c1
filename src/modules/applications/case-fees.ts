import type { Kysely } from 'kysely';
import { AppError } from '../../core/errors';
import type { DB } from '../../db/schema';
import type { Application } from '../../db/schema-applications';
import { type FeeCharge, feeByApplications, feeByPages } from './fees';

// 国办函〔2020〕109号: the fee is counted per applicant per calendar month at the agency (按件) or by pages (按量),
// one basis per application. The applicant is recognised by the HMAC of their identity number.

/** The fee this application would bear on the chosen basis. */
export async function chargeFor(
  db: Kysely<DB>,
  app: Application,
  input: { basis: 'perApplication' | 'perPage'; pages?: number | undefined },
): Promise<FeeCharge> {
  if (input.basis === 'perPage') {
    if (input.pages === undefined)
      throw new AppError('validation', '按量计收须填写页数', { fields: { pages: '请填写页数' } });
    return feeByPages(input.pages);
  }
  if (!app.received_on) throw new AppError('conflict', '尚未受理的申请不能计费');
  const month = app.received_on.slice(0, 7);
  const earlier = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('applicant_key', '=', app.applicant_key)
    .where('agency_id', '=', app.agency_id) // 109号: counted per applicant at each agency
    .where('received_on', '>=', `${month}-01`)
    .where('received_on', '<=', `${month}-31`)
    .where((eb) =>
      eb.or([
        eb('received_on', '<', app.received_on as string),
        eb.and([eb('received_on', '=', app.received_on as string), eb('created_at', '<=', app.created_at)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return feeByApplications(Number(earlier.n));
}
