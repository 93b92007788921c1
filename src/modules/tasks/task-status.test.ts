import { describe, expect, it } from 'vitest';
import { taskStatusOf } from './task-status';

const task = (
  state: 'open' | 'submitted' | 'returned' | 'accepted',
  deadline: string | null,
  progress = 0,
) => ({
  state,
  deadline_on: deadline,
  progress,
});

describe('taskStatusOf', () => {
  it.each([
    [task('open', '2026-06-30'), 0, 'not_started'],
    [task('open', '2026-06-30', 30), 0, 'in_progress'],
    [task('open', '2026-06-30'), 1, 'in_progress'],
    [task('returned', '2026-06-30'), 1, 'in_progress'],
    [task('submitted', '2026-06-30'), 1, 'pending_review'],
    [task('submitted', '2026-05-31'), 1, 'late'],
    [task('open', '2026-05-31'), 0, 'late'],
    [task('open', null), 0, 'not_started'],
    [task('accepted', '2026-05-31'), 1, 'done'],
  ] as const)('%o with %i evidence', (t, evidence, expected) => {
    expect(taskStatusOf(t, evidence, '2026-06-01')).toBe(expected);
  });
});
