// The form's identity validators (条例 Art. 29: name, proof of identity, contact details) are the privacy
// screen's: one implementation, in the compliance module. The masks are in core/masking.ts.
export { isPhoneNumber, isResidentIdNumber, isUnifiedSocialCreditCode } from '../compliance';
