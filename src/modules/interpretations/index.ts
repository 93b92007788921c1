export {
  excerptWarning,
  INTERPRETATION_GENRE,
  interpretationForms,
  interpretationOf,
  interpretationsOfPolicy,
  isPolicyItem,
  linkInterpretation,
  policiesWithoutInterpretation,
  policyChoices,
  unlinkInterpretation,
} from './interpretation.service';
export { COPY_WARNING_THRESHOLD, copiedShare } from './overlap';
