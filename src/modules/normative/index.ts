export { expiryReminderText, sendExpiryReminders } from './expiry-reminder.service';
export {
  changeNormativeStatus,
  expiringNormatives,
  lapseExpiredNormatives,
  NORMATIVE_GENRE,
  normativeOf,
  normativeYearStats,
  registerNormative,
  successorCandidates,
} from './normative.service';
export {
  canChangeNormativeStatus,
  type NormativeStatus,
  normativeStatuses,
  normativeStatusLabels,
  validUntil,
} from './normative-lifecycle';
