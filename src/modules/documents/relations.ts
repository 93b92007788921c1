import type { Kysely } from 'kysely';
import type { DB, Item } from '../../db/schema';
import {
  excerptWarning,
  interpretationForms,
  interpretationOf,
  interpretationsOfPolicy,
} from '../interpretations';
import { normativeOf } from '../normative';
import { itemVersions } from './correction.service';
import { plainText } from './sanitize';
import { findTraditionalCharacters } from './text-cleaner';

// What an item page shows beside the item itself: its place in the 规范性文件 registry, the policy it
// interprets or the interpretations it has (both pages link to each other), and the 摘抄 warning.

export interface ItemRelations {
  normative: Awaited<ReturnType<typeof normativeOf>>;
  policy: { id: string; title: string; status: string; form: string } | null;
  interpretations: { id: string; title: string; status: string; visibility: string; form: string }[];
  copiedShare: { share: number; warn: boolean } | null;
  /** Traditional characters left in the text, reported to the editor and never changed silently. */
  traditional: string[];
  /** Earlier versions (oldest first) with why each was replaced; empty until a correction is published. */
  versions: { version: number; validFrom: string; replacedAt: string; reason: string }[];
  /** For a correction draft: the published item it corrects. */
  corrects: { id: string; title: string; reason: string } | null;
}

/**
 * Loads the relations of one item. The editors' checks (copied share, traditional characters) scan the
 * whole text, so they run only for the back office, never on a public page view.
 */
export async function itemRelations(
  db: Kysely<DB>,
  item: Item,
  options: { editorChecks?: boolean } = {},
): Promise<ItemRelations> {
  const checks = options.editorChecks === true;
  const link = await interpretationOf(db, item.id);
  const policy = link
    ? await db
        .selectFrom('items')
        .select(['id', 'title', 'status', 'body_html'])
        .where('id', '=', link.policy_item_id)
        .executeTakeFirst()
    : undefined;
  const interpretations = (await interpretationsOfPolicy(db, item.id)).map((i) => ({
    ...i,
    form: interpretationForms[i.form],
  }));
  return {
    normative: await normativeOf(db, item.id),
    policy:
      policy && link
        ? { id: policy.id, title: policy.title, status: policy.status, form: interpretationForms[link.form] }
        : null,
    interpretations,
    copiedShare:
      checks && policy ? excerptWarning(plainText(item.body_html), plainText(policy.body_html)) : null,
    versions: (await itemVersions(db, item.id)).map((v) => ({
      version: v.version,
      validFrom: v.valid_from,
      replacedAt: v.replaced_at,
      reason: v.reason,
    })),
    corrects: item.correction_of
      ? await db
          .selectFrom('items')
          .select(['id', 'title'])
          .where('id', '=', item.correction_of)
          .executeTakeFirst()
          .then((o) => (o ? { ...o, reason: item.correction_reason ?? '' } : null))
      : null,
    traditional: checks
      ? [
          ...new Set(
            findTraditionalCharacters(`${item.title} ${plainText(item.body_html)}`).map((t) => t.char),
          ),
        ]
      : [],
  };
}
