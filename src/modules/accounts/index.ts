export { createAgency, getAgency, getAgencyByCode, listAgencies, updateAgency } from './agency.service';
export {
  completeEnrolment,
  GENERIC_LOGIN_ERROR,
  loginWithPassword,
  logout,
  needsEnrolment,
  pendingEnrolmentSecret,
  verifySecondFactor,
} from './auth.service';
export { checkPasswordPolicy } from './password-policy';
export { assignRoles } from './role-assignment.service';
export {
  type AdminRole,
  adminRoles,
  type BusinessRole,
  businessRoles,
  type Principal,
  primaryRoleOf,
  type RoleGrant,
  roleLabels,
  seesAllAgencies,
  visibleAgencyIds,
} from './roles';
export { actorOf, resolveSession } from './session.service';
export { totpCodeAt, totpUri } from './totp';
export {
  changeOwnPassword,
  createUser,
  findUserByUsername,
  getUser,
  listUsers,
  resetPassword,
  resetSecondFactor,
  setUserDisabled,
  unlockUser,
} from './user.service';
export { setUserEmail } from './user-email.service';
