import type { Context } from '../../core/context';
import { listAgencies } from '../accounts';
import type { Period } from './period';

// What every metric of the supervisor's view is filtered by: one department or all, and a period.

export interface OversightScope {
  agencyIds: string[] | 'all';
  period: Period;
}

export interface AgencyName {
  id: string;
  name: string;
}

/** The agencies a scope covers, in the order of the agency list (district first, then by code). */
export async function agenciesInScope(ctx: Context, agencyIds: string[] | 'all'): Promise<AgencyName[]> {
  const all = await listAgencies(ctx, { enabledOnly: agencyIds === 'all' });
  return all
    .filter((a) => agencyIds === 'all' || agencyIds.includes(a.id))
    .map((a) => ({ id: a.id, name: a.name }));
}

/** Rows for every agency in scope, zero-filled, so a department with nothing still shows up. */
export function perAgency<T>(agencies: readonly AgencyName[], blank: () => T): Map<string, AgencyName & T> {
  return new Map(agencies.map((a) => [a.id, { ...a, ...blank() }]));
}

/** Share as a percent with one decimal, null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
