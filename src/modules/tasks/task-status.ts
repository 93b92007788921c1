import type { KeyTask } from '../../db/schema-tasks';

// What a key task's status is, derived from its stored state, deadline, evidence and progress (the
// stored state only records the review: open → submitted → accepted, or returned). Pure.
//   已完成 accepted by a reviewer; 待验收 submitted with evidence; 逾期 past its deadline and not done;
//   进行中 started (progress, evidence, or returned for more work); 未开始 nothing yet.

export type TaskStatus = 'not_started' | 'in_progress' | 'pending_review' | 'done' | 'late';

export const taskStatusLabels: Record<TaskStatus, string> = {
  not_started: '未开始',
  in_progress: '进行中',
  pending_review: '待验收',
  done: '已完成',
  late: '逾期',
};

/** The derived status of one task on `today` (China day, YYYY-MM-DD). */
export function taskStatusOf(
  task: Pick<KeyTask, 'state' | 'deadline_on' | 'progress'>,
  evidenceCount: number,
  today: string,
): TaskStatus {
  if (task.state === 'accepted') return 'done';
  if (task.deadline_on !== null && task.deadline_on < today) return 'late';
  if (task.state === 'submitted') return 'pending_review';
  if (task.state === 'returned' || task.progress > 0 || evidenceCount > 0) return 'in_progress';
  return 'not_started';
}

/** Whether a task has passed its deadline without acceptance (also while it waits for review). */
export function isLate(task: Pick<KeyTask, 'state' | 'deadline_on'>, today: string): boolean {
  return task.state !== 'accepted' && task.deadline_on !== null && task.deadline_on < today;
}
