export {
  editorsAndReviewersOf,
  expiryReminderText,
  sendExpiryReminders,
} from './expiry-reminder.service';
export {
  changeNormativeStatus,
  lapseExpiredNormatives,
  NORMATIVE_GENRE,
  registerNormative,
} from './normative.service';
export {
  canChangeNormativeStatus,
  type NormativeStatus,
  normativeStatuses,
  normativeStatusLabels,
  validUntil,
} from './normative-lifecycle';
export {
  expiringNormatives,
  normativeOf,
  normativeYearStats,
  successorCandidates,
} from './normative-query';
