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
  chinaDay,
  type NormativeStatus,
  normativeStatuses,
  normativeStatusLabels,
  validUntil,
} from './normative-lifecycle';
