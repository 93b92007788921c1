import type { Keys } from '../../core/context';
import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../core/masking';
import { hmacHex, openText, sealText } from '../../core/secrets';
import type { Application } from '../../db/schema-applications';
import type { ApplicationInput } from './application-input';

// Applicants' identity numbers and contact details are sealed at rest under the secret key (security.md
// §6), shown masked, and unmasked only for a permitted role with an audit record. The applicant key is
// an HMAC of the identity number: it finds the same applicant (fees per calendar month, repeated
// applications) without decrypting anyone.

const seal = (keys: Keys, value: string) => (value ? sealText(keys.secret, value) : null);

/** The personal columns of a new application row. */
export function sealApplicant(keys: Keys, input: ApplicationInput) {
  return {
    applicant_type: input.applicantType,
    applicant_name: input.name,
    contact_person: input.contactPerson || null,
    id_type: input.idType,
    id_number_sealed: seal(keys, input.idNumber),
    id_number_masked: maskIdNumber(input.idNumber),
    phone_sealed: seal(keys, input.phone),
    phone_masked: maskPhone(input.phone),
    email_sealed: seal(keys, input.email),
    email_masked: maskEmail(input.email),
    address_sealed: seal(keys, input.address),
    address_masked: maskAddress(input.address),
    applicant_key: applicantKeyOf(keys, input.idNumber),
  };
}

/** The HMAC that identifies an applicant across cases. */
export function applicantKeyOf(keys: Keys, idNumber: string): string {
  return hmacHex(keys.secret, `applicant:${idNumber.trim().toUpperCase()}`);
}

export interface UnmaskedApplicant {
  idNumber: string;
  phone: string;
  email: string;
  address: string;
}

/** The applicant's personal fields in clear; callers must check the role and audit the unmasking. */
export function unsealApplicant(keys: Keys, row: Application): UnmaskedApplicant {
  const open = (v: string | null) => (v ? openText(keys.secret, v) : '');
  return {
    idNumber: open(row.id_number_sealed),
    phone: open(row.phone_sealed),
    email: open(row.email_sealed),
    address: open(row.address_sealed),
  };
}

/** The columns that erase the personal fields when the retention period ends. */
export function purgedApplicant(now: string) {
  return {
    applicant_name: '（已按保存期限删除）',
    contact_person: null,
    id_number_sealed: null,
    id_number_masked: '',
    phone_sealed: null,
    phone_masked: '',
    email_sealed: null,
    email_masked: '',
    address_sealed: null,
    address_masked: '',
    purged_at: now,
  };
}
