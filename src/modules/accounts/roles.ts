// Roles of product.md "Who uses it". Business roles are held per agency; the three administrators
// (三权分立, 等保 8.1.5) are held per installation, one at most per account.

export const businessRoles = ['editor', 'reviewer1', 'reviewer2', 'reviewer3', 'supervisor'] as const;
export type BusinessRole = (typeof businessRoles)[number];

export const adminRoles = ['system', 'security', 'audit'] as const;
export type AdminRole = (typeof adminRoles)[number];

export const roleLabels: Record<BusinessRole | AdminRole, string> = {
  editor: '信息员',
  reviewer1: '初审（科室负责人）',
  reviewer2: '复审（公开保密办公室）',
  reviewer3: '终审（签发领导）',
  supervisor: '区政府办监管',
  system: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
};

export interface RoleGrant {
  agencyId: string;
  role: BusinessRole;
}

/** The signed-in person as the web layer and services see them. */
export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  adminRole: AdminRole | null;
  grants: RoleGrant[];
  sessionId: string;
  mfaPassed: boolean;
  passwordExpired: boolean;
}

/** True when the principal may see every agency's back-office records (the district supervisor). */
export function seesAllAgencies(p: Principal): boolean {
  return p.grants.some((g) => g.role === 'supervisor');
}

/** The agencies whose back-office records the principal may see; 'all' for the supervisor. */
export function visibleAgencyIds(p: Principal): string[] | 'all' {
  if (seesAllAgencies(p)) return 'all';
  return [...new Set(p.grants.map((g) => g.agencyId))];
}

/** The role label shown in the header and written to the audit log. */
export function primaryRoleOf(p: Pick<Principal, 'adminRole' | 'grants'>): string {
  if (p.adminRole) return p.adminRole;
  return p.grants[0]?.role ?? 'none';
}
