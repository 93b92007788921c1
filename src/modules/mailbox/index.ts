export {
  type DeadlineRules,
  deadlineRules,
  mayEditDeadlines,
  saveDeadlineRules,
} from './deadline-rules.service';
export { findLetterByTracking, type LetterReceipt, submitLetter } from './intake.service';
export { mayOnLetter, visibleAgencies } from './letter-access';
export {
  acceptLetter,
  assignLetter,
  forwardLetter,
  mergeLetter,
  rejectLetter,
  releaseLetter,
  setAsideLetter,
} from './letter-actions.service';
export { OPEN_STATUSES, recomputeOpenDue } from './letter-clock';
export {
  addMonths,
  DEFAULT_DEADLINES,
  letterDueOn,
  RED_LINE_ALARM_MONTHS,
  RED_LINE_MONTHS,
  redLineOf,
  WARN_WORKING_DAYS,
} from './letter-deadline';
export { letterEventLabels, publicHistory } from './letter-events';
export {
  CONTENT_MAX,
  LETTER_TYPES,
  letterStatusLabels,
  letterTypeLabels,
  ratingLabels,
  SUBJECT_MAX,
} from './letter-input';
export {
  type LetterAction,
  type LetterView,
  letterActions,
  letterQueue,
  letterView,
  type QueueRow,
  type WriterView,
  writerView,
} from './letter-query.service';
export { sendMailboxReminders } from './letter-reminders';
export {
  type LetterStats,
  letterStats,
  lettersNearDeadline,
  type MonthRow,
  monthlyStats,
  type NearDeadline,
} from './letter-stats.service';
export { proposeMasked, unmaskedFindings } from './masking-proposal';
export {
  mailboxColumnTotals,
  type PublicationTexts,
  type PublishedLetter,
  publicationProposal,
  publishedLetter,
  publishedLetters,
  publishLetter,
  unpublishLetter,
} from './publication.service';
export { rateLetter } from './rating.service';
export { draftReply, reviewReply, sendReply } from './reply-actions.service';
export { type UnmaskedWriter, unmaskWriter } from './writer-record';
