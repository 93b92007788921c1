// Delivery retries: the n-th failed attempt waits 2^(n-1) minutes (1, 2, 4 … 64), and the 8th failure gives
// the mail up as failed — about two hours in all: long enough to ride out a relay restart, short enough
// that the back office shows the problem the same day.

export const MAX_DELIVERY_ATTEMPTS = 8;

export type AfterFailure = { giveUp: true } | { giveUp: false; retryInMinutes: number };

/** What to do after the `attempts`-th attempt (1-based) has failed. */
export function afterFailedAttempt(attempts: number): AfterFailure {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { giveUp: true };
  return { giveUp: false, retryInMinutes: 2 ** (Math.max(1, attempts) - 1) };
}
