import { describe, expect, it } from 'vitest';
import { chinaDay } from './clock';

describe('the China calendar day of an instant', () => {
  it('is UTC+8 all year (no daylight saving)', () => {
    expect(chinaDay(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(chinaDay(new Date('2026-03-31T15:59:59Z'))).toBe('2026-03-31');
    expect(chinaDay(new Date('2026-07-01T00:00:00Z'))).toBe('2026-07-01');
  });
});
