import { z } from 'zod';
import type { Context } from '../../core/context';
import { maskEmail } from '../../core/masking';
import { parseInput } from '../../core/validation';
import { type Actor, auditedTransaction } from '../audit';
import { emailAddressSchema } from '../mail';
import { getUser } from './user.service';

// A staff member's e-mail address, set by the system administrator: where reminders (规范性文件 expiry,
// deadlines) are sent. Empty clears it.

const userEmailSchema = z.object({
  email: z.union([z.literal('').transform(() => null), emailAddressSchema]),
});

/** Sets or clears a user's e-mail address; audited with the address masked (personal data). */
export async function setUserEmail(ctx: Context, actor: Actor, userId: string, raw: unknown): Promise<void> {
  const { email } = parseInput(userEmailSchema, normaliseBlank(raw));
  const user = await getUser(ctx, userId);
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .updateTable('users')
      .set({ email, updated_at: ctx.clock.now().toISOString() })
      .where('id', '=', userId)
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'user.email_changed',
        objectType: 'user',
        objectId: userId,
        details: {
          before: user.email ? maskEmail(user.email) : null,
          after: email ? maskEmail(email) : null,
        },
      },
    };
  });
}

// A blank or whitespace-only field means "no address"; anything else must be a valid address.
function normaliseBlank(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const email = (raw as { email?: unknown }).email;
  return { email: typeof email === 'string' && email.trim() === '' ? '' : (email ?? '') };
}
