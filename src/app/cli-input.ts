import { loadConfig } from '../config/config';
import type { Context } from '../core/context';
import { isAppError } from '../core/errors';
import { buildContext } from './deps';

// Shared plumbing of the CLI's command groups: a context opened and closed around an action, and the
// rule that unusable input (a file, an option, an agency) exits 2 with a message naming it.

/** Input that cannot be used: the message names it, exit status 2. */
export class InputProblem extends Error {}

/** Runs work with a context built from the environment, closing its database afterwards. */
export async function withContext<T>(work: (ctx: Context) => Promise<T>): Promise<T> {
  const ctx = await buildContext(loadConfig());
  try {
    return await work(ctx);
  } finally {
    await ctx.db.destroy();
  }
}

/** Wraps an action: unreadable input and validation failures exit 2 with the message, other errors rise. */
export function guarded<A extends unknown[]>(action: (...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      if (
        !(error instanceof InputProblem) &&
        !(isAppError(error) && ['validation', 'not_found'].includes(error.code))
      )
        throw error;
      console.error(`错误：${error.message}`);
      process.exitCode = 2;
    }
  };
}
