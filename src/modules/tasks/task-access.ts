import type { KeyTask } from '../../db/schema-tasks';
import { type Principal, seesAllAgencies } from '../accounts';

// Who may do what with the key-task list (product.md: 区政府办 decomposes the provincial list; each
// department works its own tasks; acceptance by a reviewer who did not submit the evidence).

const REVIEWER_ROLES = new Set(['reviewer1', 'reviewer2', 'reviewer3']);

/** Importing the list and decomposing items into tasks: the district supervisor. */
export function mayManageKeyTasks(p: Principal): boolean {
  return seesAllAgencies(p);
}

/** Seeing an agency's tasks, roster, meetings and gap checks: its own staff and the supervisor. */
export function maySeeAgency(p: Principal, agencyId: string): boolean {
  return seesAllAgencies(p) || p.grants.some((g) => g.agencyId === agencyId);
}

/** Reporting progress, attaching evidence and submitting: the owning agency's staff. */
export function mayWorkOnTask(p: Principal, task: Pick<KeyTask, 'agency_id'>): boolean {
  return p.grants.some((g) => g.agencyId === task.agency_id);
}

/** Accepting or returning: the supervisor or the agency's reviewer, never the one who submitted. */
export function mayReviewTask(p: Principal, task: Pick<KeyTask, 'agency_id' | 'submitted_by'>): boolean {
  if (task.submitted_by === p.userId) return false;
  return (
    seesAllAgencies(p) || p.grants.some((g) => g.agencyId === task.agency_id && REVIEWER_ROLES.has(g.role))
  );
}

/** Keeping the roster and meeting minutes of an agency: its staff, and the supervisor for all. */
export function mayKeepRoster(p: Principal, agencyId: string): boolean {
  return maySeeAgency(p, agencyId);
}
