export { agencyHandlers } from './agency-handlers';
export { appealKindLabels, appealResultLabels, recordAppeal } from './appeals.service';
export type { UnmaskedApplicant } from './applicant-record';
export {
  applicantTypeLabels,
  deliveryChannelLabels,
  deliveryFormLabels,
  personIdTypes,
  staffChannelLabels,
} from './application-input';
export { handlingAgencies, mayOnCase } from './case-access';
export {
  assignCase,
  dismissHeld,
  lapseCorrection,
  receiveCorrection,
  releaseHeld,
  requestCorrection,
} from './case-actions.service';
export { recomputeOpenCases } from './case-deadline';
export { caseEventLabels } from './case-events';
export { caseLetters, letterDocx } from './case-letters.service';
export {
  applicantView,
  type CaseView,
  caseQueue,
  caseView,
  type QueueRow,
  unmaskApplicant,
} from './case-query.service';
export { sendDeadlineReminders, warningFor, workingDaysLeft } from './case-reminders';
export { type OnTimeRate, onTimeRates } from './case-stats.service';
export { actionsFor, type CaseAction, caseActionLabels, statusLabels } from './case-workflow';
export { endConsultation, extendCase, startConsultation } from './consultation-actions.service';
export { decideCase, deliverCase, deliveryMethods } from './decision.service';
export { lapseFee, noticeFee, payFee } from './fee-actions.service';
export {
  findByTracking,
  type Receipt,
  registerApplication,
  submitApplication,
  submitCorrection,
} from './intake.service';
export * from './letters';
export { OUTCOME_CODES, OUTCOMES, type Outcome, type OutcomeCode, outcomeOf } from './outcomes';
export {
  holdCheck,
  issueTrackingNumber,
  openAgency,
  openedByQueryCode,
  storedTrackingNumber,
} from './public-intake';
export { purgeExpiredApplicants } from './retention.service';
