import { describe, expect, it } from 'vitest';
import { afterFailedAttempt, MAX_DELIVERY_ATTEMPTS } from './retry-backoff';

describe('afterFailedAttempt', () => {
  it.each([
    [1, 1],
    [2, 2],
    [3, 4],
    [7, 64],
  ])('after failed attempt %i retries in %i minutes', (attempts, minutes) => {
    expect(afterFailedAttempt(attempts)).toEqual({ giveUp: false, retryInMinutes: minutes });
  });

  it('gives up at the last attempt', () => {
    expect(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS)).toEqual({ giveUp: true });
    expect(afterFailedAttempt(MAX_DELIVERY_ATTEMPTS + 1)).toEqual({ giveUp: true });
  });
});
