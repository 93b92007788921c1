import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('defaults to port 3000, ./data, SQLite and demo content outside production', () => {
    const c = loadConfig({});
    expect([c.port, c.dataDir, c.databaseUrl, c.demo, c.production]).toEqual([
      3000,
      './data',
      undefined,
      true,
      false,
    ]);
  });

  it('loads no demo content in production or when GONGKAI_DEMO=0', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ GONGKAI_DEMO: '0' }).demo).toBe(false);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ GONGKAI_SITE_ID_CODE: '123' })).toThrow(/网站标识码/);
    expect(() => loadConfig({ GONGKAI_AUDIT_KEY: 'short' })).toThrow(/GONGKAI_AUDIT_KEY/);
  });

  it('keeps the MLPS-safe session and lockout defaults (security.md §1.5)', () => {
    const c = loadConfig({});
    expect(c.session).toEqual({ idleMinutes: 15, absoluteHours: 8, single: true });
    expect(c.lockout).toEqual({ threshold: 5, minutes: 30, ipFailuresPerHour: 50 });
    expect(c.passwordMaxAgeDays).toBe(90);
  });
});
