import { inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/errors';
import type { ApplicationLetter } from '../../src/db/schema-applications';
import { caseLetters } from '../../src/modules/applications';
import type { TestContext } from './test-context';

// Shared reading helpers for the 依申请公开 integration tests: a case's stored letters as text, a Word file
// opened the way Word opens it (through the ZIP central directory), and refusals checked by error code.

/** The stored content of an issued letter (application_letters.content). */
export interface LetterContent {
  agencyName: string;
  number: string;
  title: string;
  addressee: string;
  paragraphs: string[];
  issuedOn: string;
  contact: string;
}

/** Parses a letter row's stored content. */
export function contentOf(letter: ApplicationLetter): LetterContent {
  return JSON.parse(letter.content) as LetterContent;
}

/** The letter's body as one string (title, addressee and paragraphs). */
export function letterText(letter: ApplicationLetter): string {
  const c = contentOf(letter);
  return [c.title, c.addressee, ...c.paragraphs].join('\n');
}

/** Every letter of a case, oldest first, as the agency sees them. */
export function lettersOf(ctx: TestContext, applicationId: string): Promise<ApplicationLetter[]> {
  return caseLetters(ctx.db, applicationId, false);
}

/** The only letter of a kind on a case (fails when there is none or more than one). */
export async function onlyLetter(ctx: TestContext, applicationId: string, kind: string) {
  const letters = (await lettersOf(ctx, applicationId)).filter((l) => l.kind === kind);
  expect(letters).toHaveLength(1);
  return letters[0] as ApplicationLetter;
}

/** The serial of a letter number such as 测试a1依申〔2026〕12号. */
export function serialOf(number: string): number {
  const m = /〔(\d{4})〕(\d+)号$/.exec(number);
  if (!m) throw new Error(`not a letter number: ${number}`);
  return Number(m[2]);
}

/** Reads a ZIP through its central directory (APPNOTE 4.3.12): entry name → text. */
export function unzipText(zip: Buffer): Map<string, string> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive: no end of central directory');
  const entries = new Map<string, string>();
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < zip.readUInt16LE(eocd + 10); i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('broken central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('utf8'));
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** The visible text of a .docx body: the runs of word/document.xml joined, tags dropped. */
export function docxText(docx: Buffer): string {
  const xml = unzipText(docx).get('word/document.xml');
  if (xml === undefined) throw new Error('no word/document.xml in the archive');
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** Awaits a refusal and checks it is an AppError with the code (and message part) expected. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: ErrorCode,
  message?: string | RegExp,
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, `expected an AppError ${code}`).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (message !== undefined) expect(appError.message).toMatch(message);
  return appError;
}

/** Sets a staff member's e-mail address directly (the column the reminders read). */
export async function setEmail(ctx: TestContext, userId: string, email: string): Promise<void> {
  await ctx.db.updateTable('users').set({ email }).where('id', '=', userId).execute();
}
