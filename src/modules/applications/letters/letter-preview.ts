import { fillLetter } from './fill-letter';
import { renderLetterDocx } from './letter-docx';
import type { LetterTemplate } from './letter-kinds';
import { formatLetterNumber } from './letter-number';
import { exampleLetterValues } from './placeholders';

export interface PreviewAgency {
  name: string;
  shortName: string;
  contact: string | null;
}

/** A sample .docx of a template, filled with the example values and the agency's own name. */
export async function previewLetterDocx(template: LetterTemplate, agency: PreviewAgency): Promise<Buffer> {
  const values = { ...exampleLetterValues(), agencyName: agency.name };
  if (agency.contact) values.contact = agency.contact;
  const letter = fillLetter(template, values);
  return renderLetterDocx({
    ...letter,
    agencyName: agency.name,
    number: formatLetterNumber(`${agency.shortName}依申`, Number(values.issuedOn.slice(0, 4)), 1),
    issuedOn: values.issuedOn,
    contact: values.contact,
  });
}
