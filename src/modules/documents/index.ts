export { reviewFindings } from './compliance-gate';
export { itemVersions, startCorrection } from './correction.service';
export { type DisclosureStatus, disclosureBases, disclosureLabels, disclosureStatuses } from './disclosure';
export { createDraft, type DraftInput, updateDraft } from './draft.service';
export { genres, policyGenres } from './genres';
export { type ImportReport, importDirectory } from './import.service';
export { DEFAULT_INDEX_TEMPLATE } from './index-number';
export { type ItemStatusListener, onItemStatusChange } from './item-status-listeners';
export { issueIndexNumber, publishDueItems, withdrawItem } from './publish.service';
export { type ItemRelations, itemRelations } from './relations';
export {
  agencyReviewChain,
  pendingReviewsFor,
  reviewHistory,
  reviewStep,
  reviewSubjectOf,
  submitForReview,
} from './review.service';
export { defaultReviewChain, type ReviewStep } from './review-chain';
export { plainText, sanitizeBody } from './sanitize';
export { type PublishingSettings, publishingSettingsOf, savePublishingSettings } from './settings.service';
export { registerSignOffCheck, type SignOffCheck } from './sign-off-checks';
export { addSubject, listSubjects, renameSubject, type SubjectNode, subjectLabel } from './subjects';
export {
  type CleanResult,
  cleanText,
  findTraditionalCharacters,
  summariseCleanResult,
  type TraditionalCharacter,
  toSimplified,
} from './text-cleaner';
export { latePublications, publicationTimeliness, type Timeliness } from './timeliness';
