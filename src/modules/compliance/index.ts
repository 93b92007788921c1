// The compliance module's public face: the privacy screen (pii/), text extraction (extract/) and the
// 错敏词 matcher (matcher/) and rules (rules/).

export {
  type ExtractedText,
  extractFile,
  extractText,
  type SourceFormat,
  sourceFormatOf,
} from './extract/extract-file';
export {
  type CompiledDictionary,
  compileDictionary,
  compiledFromCache,
  type DictionaryEntry,
  findAll,
  type WordingMatch,
} from './matcher';
export { screenDocument, tableCells } from './pii/document';
export { judgeMaskedId, judgeMaskedMobile, type MaskVerdict } from './pii/mask-policy';
export { RECOGNISERS, resolveOverlaps, type ScreenOptions, screenText } from './pii/screen';
export { DEFAULT_THRESHOLD, PII_TYPES, type PiiFinding, type PiiType, piiTypeLabels } from './pii/types';
export {
  idCheckCharacter,
  isIndividualBusinessCode,
  isLandlineNumber,
  isMobileNumber,
  isOldResidentIdNumber,
  isPhoneNumber,
  isResidentIdNumber,
  isUnifiedSocialCreditCode,
  isVehiclePlate,
  passesLuhn,
} from './pii/validators';
export {
  type CheckedPart,
  type ComplianceFinding,
  checkItemForPublication,
  checkPublicationText,
} from './publication-check';
export * from './rules';
