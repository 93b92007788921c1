import { chinaDay } from '../../core/clock';
import type { RectificationTask } from '../../db/schema-inspections';
import type { Principal } from '../accounts';
import { indicatorName, kindLabels, severityLabels } from './indicators';
import { mayExceptTask } from './rectification.service';

// A rectification task as the back office shows it.

export interface TaskView {
  id: string;
  agencyName: string;
  kindLabel: string;
  indicatorName: string;
  severity: RectificationTask['severity'];
  severityLabel: string;
  message: string;
  openedOn: string;
  deadline: string;
  overdue: boolean;
  status: RectificationTask['status'];
  statusLabel: string;
  exceptionReason: string | null;
  canExcept: boolean;
}

export const taskStatusLabels: Record<RectificationTask['status'], string> = {
  open: '整改中',
  closed: '已整改',
  excepted: '已认定例外',
};

/** The view of a task for a viewer at `now`. */
export function presentTask(
  task: RectificationTask & { agency_name: string | null },
  viewer: Principal,
  now: Date,
): TaskView {
  return {
    id: task.id,
    agencyName: task.agency_name ?? '（未确定责任单位）',
    kindLabel: kindLabels[task.kind] ?? task.kind,
    indicatorName: indicatorName(task.indicator),
    severity: task.severity,
    severityLabel: severityLabels[task.severity],
    message: task.message,
    openedOn: chinaDay(new Date(task.opened_at)),
    deadline: task.deadline,
    overdue: task.status === 'open' && task.deadline < chinaDay(now),
    status: task.status,
    statusLabel: taskStatusLabels[task.status],
    exceptionReason: task.exception_reason,
    canExcept: task.status === 'open' && mayExceptTask(viewer, task),
  };
}
