export { assertSummaryAccess, mayDraftSummary, summaryAgencyChoices } from './summary-access';
export { authorPrincipal } from './summary-author';
export {
  createSummaryDraft,
  type DraftedSummary,
  draftWorkSummary,
  duplicateMessage,
  existingSummaryOf,
  type SummaryRequest,
  summaryColumnOf,
  summaryRequestSchema,
} from './summary-draft.service';
export type { KeyTaskFigures, WorkSummaryFigures } from './summary-figures';
export { gatherSummaryFigures } from './summary-queries';
export {
  type ComposedSummary,
  composeWorkSummary,
  PROMPT_OPEN,
  type SummarySection,
  summaryBodyHtml,
  summaryPlainText,
} from './summary-text';
