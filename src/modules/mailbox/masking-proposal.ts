import { maskAddress, maskEmail, maskIdNumber, maskPhone } from '../../core/masking';
import { type PiiFinding, type PiiType, screenText } from '../compliance';

// 脱敏 before a letter is published (portal-standards.md §8.2: publish only with consent and after masking
// the name, phone, ID number and address; compliance.md §5.1 privacy screen). The writer's own name and
// numbers are replaced wherever they appear, then every finding of the privacy recognisers is masked with
// the house masks of core/masking.ts. The result is only a proposal: a person checks it before publishing.

export interface KnownPersonalData {
  name: string;
  phone: string;
  email: string | null;
}

const maskers: Partial<Record<PiiType, (text: string) => string>> = {
  id_card: (t) => maskIdNumber(t.replace(/[^0-9Xx]/g, '').toUpperCase()),
  mobile: (t) => maskPhone(t.replace(/\D/g, '').slice(-11)),
  landline: (t) => maskPhone(t.replace(/\D/g, '')),
  email: (t) => maskEmail(t),
  address: (t) => maskAddress(t),
  person_name: (t) => `${[...t][0] ?? ''}某`,
};

/** How one recognised span is written in the published text. */
export function maskSpan(type: PiiType, text: string): string {
  return maskers[type]?.(text) ?? '*'.repeat(Math.min(8, [...text].length));
}

function replaceKnown(text: string, known: KnownPersonalData): string {
  let out = text;
  const pairs: [string, string][] = [
    [known.name, maskSpan('person_name', known.name)],
    [known.phone, maskPhone(known.phone.replace(/\D/g, ''))],
  ];
  if (known.email) pairs.push([known.email, maskEmail(known.email)]);
  for (const [value, masked] of pairs) if (value.trim().length >= 2) out = out.split(value).join(masked);
  return out;
}

/** Personal data still readable in a text: findings not already masked. */
export function unmaskedFindings(text: string, now?: Date): PiiFinding[] {
  return screenText(text, now ? { now } : {}).filter((f) => !f.masked);
}

/** The masked text proposed for publication. */
export function proposeMasked(text: string, known: KnownPersonalData, now?: Date): string {
  let out = replaceKnown(text, known);
  const findings = unmaskedFindings(out, now).sort((a, b) => b.start - a.start);
  for (const f of findings) out = out.slice(0, f.start) + maskSpan(f.type, f.text) + out.slice(f.end);
  return out;
}
