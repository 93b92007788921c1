import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../../core/context';
import { AppError } from '../../../core/errors';
import { newId } from '../../../core/ids';
import { parseInput } from '../../../core/validation';
import type { DB } from '../../../db/schema';
import { type Actor, auditedTransaction } from '../../audit';
import { defaultLetterTemplate } from './default-templates';
import { bodyParagraphs, checkLetterTemplate } from './fill-letter';
import {
  isLetterKey,
  LETTER_KEYS,
  type LetterKey,
  type LetterTemplate,
  letterKindName,
} from './letter-kinds';

// Templates are data (architecture.md "Rules are data"): an agency's saved wording overrides the
// default in the code; resetting deletes the override. Every change is audited.

export interface StoredLetterTemplate extends LetterTemplate {
  name: string; // the kind's Chinese name
  overridden: boolean;
  updatedAt: string | null;
}

const templateInput = z.object({
  title: z
    .string({ message: '请填写标题' })
    .trim()
    .min(2, '请填写标题')
    .max(60, '标题不超过 60 字')
    .refine((t) => !/[\r\n]/.test(t), '标题只能有一行'),
  body: z
    .string({ message: '请填写正文' })
    .max(6000, '正文不超过 6000 字')
    .transform((b) => bodyParagraphs(b).join('\n'))
    .refine((b) => b !== '', '请填写正文')
    .refine((b) => bodyParagraphs(b).length <= 30, '正文不超过 30 段'),
});

/** A letter key from a request, or 404. */
export function letterKeyOrNotFound(key: string): LetterKey {
  if (!isLetterKey(key)) throw new AppError('not_found', '没有这种文书');
  return key;
}

function stored(key: LetterKey, row: { title: string; body: string; updated_at: string } | undefined) {
  const template = row ? { key, title: row.title, body: row.body } : defaultLetterTemplate(key);
  return {
    ...template,
    name: letterKindName(key),
    overridden: Boolean(row),
    updatedAt: row?.updated_at ?? null,
  };
}

/** An editor's title and body, validated: lengths, one-line title, known placeholders only. */
export function parseLetterTemplateInput(key: string, raw: unknown): LetterTemplate {
  const letterKey = letterKeyOrNotFound(key);
  const input = parseInput(templateInput, raw);
  checkLetterTemplate({ key: letterKey, ...input });
  return { key: letterKey, ...input };
}

/** The template an agency issues a letter with: its own override, or the default. */
export async function letterTemplateFor(
  db: Kysely<DB>,
  agencyId: string,
  key: string,
): Promise<StoredLetterTemplate> {
  const letterKey = letterKeyOrNotFound(key);
  const row = await db
    .selectFrom('letter_templates')
    .select(['title', 'body', 'updated_at'])
    .where('agency_id', '=', agencyId)
    .where('key', '=', letterKey)
    .executeTakeFirst();
  return stored(letterKey, row);
}

/** Every letter kind with the template the agency would use, in the order of LETTER_KEYS. */
export async function listLetterTemplates(db: Kysely<DB>, agencyId: string): Promise<StoredLetterTemplate[]> {
  const rows = await db
    .selectFrom('letter_templates')
    .select(['key', 'title', 'body', 'updated_at'])
    .where('agency_id', '=', agencyId)
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return LETTER_KEYS.map((key) => stored(key, byKey.get(key)));
}

/** Saves an agency's wording of a letter; unknown placeholders and over-long text are refused. */
export async function saveLetterTemplate(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  key: string,
  raw: unknown,
): Promise<StoredLetterTemplate> {
  const { key: letterKey, ...input } = parseLetterTemplateInput(key, raw);
  const now = ctx.clock.now().toISOString();
  const updatedBy = actor.userId ?? actor.name ?? 'system';
  await auditedTransaction(ctx, actor, async (trx) => {
    await trx
      .insertInto('letter_templates')
      .values({
        id: newId(),
        agency_id: agencyId,
        key: letterKey,
        ...input,
        updated_by: updatedBy,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['agency_id', 'key']).doUpdateSet({ ...input, updated_by: updatedBy, updated_at: now }),
      )
      .execute();
    return {
      result: undefined,
      audit: {
        action: 'letter_template.saved',
        objectType: 'letter_template',
        objectId: letterKey,
        agencyId,
        details: { key: letterKey, title: input.title, bodyLength: input.body.length },
      },
    };
  });
  return letterTemplateFor(ctx.db, agencyId, letterKey);
}

/** Drops an agency's wording of a letter, so the default applies again. */
export async function resetLetterTemplate(
  ctx: Context,
  actor: Actor,
  agencyId: string,
  key: string,
): Promise<StoredLetterTemplate> {
  const letterKey = letterKeyOrNotFound(key);
  await auditedTransaction(ctx, actor, async (trx) => {
    const deleted = await trx
      .deleteFrom('letter_templates')
      .where('agency_id', '=', agencyId)
      .where('key', '=', letterKey)
      .executeTakeFirst();
    const changed = Number(deleted.numDeletedRows) > 0;
    return {
      result: undefined,
      audit: changed
        ? [{ action: 'letter_template.reset', objectType: 'letter_template', objectId: letterKey, agencyId }]
        : [],
    };
  });
  return letterTemplateFor(ctx.db, agencyId, letterKey);
}
