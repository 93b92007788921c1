/** The source of "now"; tests pass a movable clock instead of the system one. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told: for lockout, session and deadline tests. */
export class ManualClock implements Clock {
  private current: number;
  constructor(start: string | Date = '2026-03-02T02:00:00.000Z') {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  advanceMinutes(minutes: number): void {
    this.current += minutes * 60_000;
  }
  set(to: string | Date): void {
    this.current = new Date(to).getTime();
  }
}

/** The timestamp `minutes` after `from`, as stored text. */
export function isoPlusMinutes(from: Date, minutes: number): string {
  return new Date(from.getTime() + minutes * 60_000).toISOString();
}

/** The calendar day in China (UTC+8, no daylight saving) of an instant, as YYYY-MM-DD. */
export function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
