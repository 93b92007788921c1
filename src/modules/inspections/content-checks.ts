import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { checkItemForPublication } from '../compliance';
import { type InspectionFinding, itemFinding } from './finding';

// Content checks are pluggable: each takes a published item's text and returns findings. The inspection
// runs every check in `contentChecks` on every published item, and a rescan of an item runs them again.

/** What a content check sees of a published item. */
export interface InspectedItem {
  id: string;
  title: string;
  bodyText: string; // plain text of the body
  attachmentsText?: string; // extracted text of its attachments, when available
}

/** A content check, e.g. 错敏词 (wording) or 个人信息 (privacy). Pure; may be async to load dictionaries. */
export type ContentCheck = (item: InspectedItem) => InspectionFinding[] | Promise<InspectionFinding[]>;

/**
 * The wording and privacy checks (modules/compliance) as the inspection's content check: the published
 * item is checked as the pre-publication gate checks it — title, body and each attachment's text — so a
 * problem that slipped through (or an overruled one) opens a rectification task. The fingerprint is the
 * part, the kind and the words found, so the same problem found again joins its task, and a fix closes it.
 */
export function complianceCheck(ctx: Context): ContentCheck {
  return async (inspected) => {
    const item = await ctx.db
      .selectFrom('items')
      .select(['id', 'title', 'body_html'])
      .where('id', '=', inspected.id)
      .executeTakeFirst();
    if (!item) return [];
    const parts = await checkItemForPublication(ctx, item, chinaDay(ctx.clock.now()));
    return parts.flatMap((part) =>
      part.findings.map((f) =>
        itemFinding(item.id, {
          kind: f.kind,
          indicator: f.veto ? 'veto.security' : f.kind === 'pii' ? 'deduct.privacy' : 'deduct.wording',
          severity: f.veto ? 'veto' : 'deduct',
          message: `${part.part}中“${f.text}”：${f.kind === 'pii' ? '疑似个人信息，请删除或规范打码' : f.explanation}${f.kind === 'wording' && f.suggestion ? `，建议改为“${f.suggestion}”` : ''}`,
          part: `${part.part}:${f.type}:${f.text}`,
          detail: { part: part.part, type: f.type, start: f.start, end: f.end },
        }),
      ),
    );
  };
}
