// The letters of a 依申请公开 case: kinds, default templates, filling, Word output, per-agency storage.

export { defaultLetterTemplate } from './default-templates';
export {
  bodyParagraphs,
  checkLetterTemplate,
  type FilledLetter,
  fillLetter,
  formatChineseDate,
  placeholdersIn,
  REMEDIES_PARAGRAPH,
} from './fill-letter';
export { type LetterDocument, renderLetterDocx } from './letter-docx';
export {
  addresseeTemplateOf,
  isLetterKey,
  isRefusalLetter,
  LETTER_KEYS,
  type LetterKey,
  type LetterTemplate,
  letterKindName,
  NOTICE_KINDS,
  type NoticeKind,
  type ReplyKey,
  replyOutcomeCode,
} from './letter-kinds';
export { formatLetterNumber } from './letter-number';
export {
  LETTER_TEMPLATE_EDITOR_ROLES,
  letterTemplateAgencyIds,
  mayEditLetterTemplates,
} from './letter-permissions';
export { type PreviewAgency, previewLetterDocx } from './letter-preview';
export {
  letterKeyOrNotFound,
  letterTemplateFor,
  listLetterTemplates,
  parseLetterTemplateInput,
  resetLetterTemplate,
  type StoredLetterTemplate,
  saveLetterTemplate,
} from './letter-template.service';
export {
  exampleLetterValues,
  type LetterValues,
  PLACEHOLDERS,
  type Placeholder,
  type PlaceholderName,
  placeholderOf,
} from './placeholders';
