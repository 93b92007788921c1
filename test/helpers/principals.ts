import type { UserTable } from '../../src/db/schema';
import {
  loginWithPassword,
  type Principal,
  resolveSession,
  verifySecondFactor,
} from '../../src/modules/accounts';
import { currentCode, TEST_PASSWORD } from './factories';
import type { TestContext } from './test-context';

/** Signs a user in through the real login (password, then TOTP) and returns their principal. */
export async function loginSession(ctx: TestContext, user: UserTable): Promise<Principal> {
  const actor = { userId: null, name: null, role: null, ip: '127.0.0.9', requestId: 'login' };
  const first = await loginWithPassword(ctx, actor, user.username, TEST_PASSWORD);
  ctx.clock.advanceMinutes(0.5);
  const session = await verifySecondFactor(ctx, actor, user.id, first.session.id, currentCode(ctx));
  const principal = await resolveSession(ctx, session.token);
  if (!principal) throw new Error('login failed');
  return principal;
}
