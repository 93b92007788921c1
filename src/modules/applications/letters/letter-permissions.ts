import type { Principal } from '../../accounts';

// 依申请公开 letters speak for the agency's disclosure office, so their wording is edited by that office
// (reviewer2, 复审/公开保密办) or the district supervisor — each for the agency of their own grant only.

export const LETTER_TEMPLATE_EDITOR_ROLES: readonly string[] = ['reviewer2', 'supervisor'];

/** The agencies whose letter templates the principal may edit. */
export function letterTemplateAgencyIds(p: Pick<Principal, 'adminRole' | 'grants'>): string[] {
  if (p.adminRole) return [];
  const ids = p.grants.filter((g) => LETTER_TEMPLATE_EDITOR_ROLES.includes(g.role)).map((g) => g.agencyId);
  return [...new Set(ids)];
}

/** Whether the principal may edit the letter templates of this agency. */
export function mayEditLetterTemplates(
  p: Pick<Principal, 'adminRole' | 'grants'>,
  agencyId: string,
): boolean {
  return letterTemplateAgencyIds(p).includes(agencyId);
}
