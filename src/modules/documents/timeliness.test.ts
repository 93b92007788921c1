import { describe, expect, it } from 'vitest';
import { packagedCalendar } from '../calendar';
import { publicationTimeliness } from './timeliness';

const { isWorkday } = packagedCalendar;

describe('Art. 26 timeliness', () => {
  it('is on time on the 20th working day and late on the 21st', () => {
    const base = { written_on: '2024-09-27', created_at: '2024-09-27T01:00:00Z' };
    expect(publicationTimeliness({ ...base, published_at: '2024-10-30T02:00:00Z' }, isWorkday)).toEqual({
      formedOn: '2024-09-27',
      deadline: '2024-10-30',
      publishedOn: '2024-10-30',
      workingDays: 20,
      late: false,
    });
    expect(publicationTimeliness({ ...base, published_at: '2024-10-31T02:00:00Z' }, isWorkday)?.late).toBe(
      true,
    );
  });

  it('falls back to the creation day (China time) without a 成文日期, and says nothing before publication', () => {
    const t = publicationTimeliness(
      {
        written_on: null,
        created_at: '2026-03-01T17:00:00Z',
        published_at: '2026-03-03T02:00:00Z',
      },
      isWorkday,
    );
    expect(t?.formedOn).toBe('2026-03-02');
    expect(
      publicationTimeliness(
        { written_on: null, created_at: '2026-03-01T17:00:00Z', published_at: null },
        isWorkday,
      ),
    ).toBeNull();
  });
});
