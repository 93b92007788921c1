import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { openText } from '../../core/secrets';
import type { Principal } from '../accounts';
import { type Actor, auditedTransaction } from '../audit';
import { letterFor } from './letter-access';
import { appendLetterEvent } from './letter-events';

// The writer's full name and contact details, for a handler who must call back (portal-standards.md §8.2:
// "give handlers masked views where possible, and log every access"): only the agency's handlers, and
// every look is an event on the letter and an audit record.

export interface UnmaskedWriter {
  name: string;
  phone: string;
  email: string | null;
}

/** Opens the sealed writer data of a letter for a handler, recording who looked and when. */
export async function unmaskWriter(
  ctx: Context,
  p: Principal,
  actor: Actor,
  id: string,
): Promise<UnmaskedWriter> {
  return auditedTransaction(ctx, actor, async (trx) => {
    const l = await letterFor(trx, p, id, 'handle');
    await appendLetterEvent(trx, ctx, l, actor, { kind: 'unmasked', onDate: chinaDay(ctx.clock.now()) });
    const writer = {
      name: openText(ctx.keys.secret, l.writer_name_sealed),
      phone: openText(ctx.keys.secret, l.phone_sealed),
      email: l.email_sealed ? openText(ctx.keys.secret, l.email_sealed) : null,
    };
    return {
      result: writer,
      audit: {
        action: 'mailbox.unmasked',
        objectType: 'mailbox_letter',
        objectId: id,
        agencyId: l.agency_id,
        details: { trackingNumber: l.tracking_number },
      },
    };
  });
}
