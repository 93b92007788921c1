import type { Context } from '../../core/context';
import { attachmentFilesOf } from '../attachments';
import { extractText, sourceFormatOf } from './extract/extract-file';
import { extractHtml } from './extract/html';
import { screenText } from './pii/screen';
import type { PiiFinding, PiiType } from './pii/types';
import { checkWording } from './rules';
import type { WordingFinding } from './rules/wording.types';

// The one content check every publishing path uses — the pre-publication gate at 终审 and the whole-site
// inspection: the privacy screen and the wording rules over a text. A finding is veto-level when the
// national inspection indicators would fail the site for it (国办秘函〔2019〕19号: 严重表述错误 and
// 泄露 are 单项否决): a wording rule marked veto, or a personal identifier that singles a person out.

export type ComplianceFinding = (PiiFinding | WordingFinding) & { veto: boolean };

// Identifiers whose publication is a leak by itself; names and addresses are shown to the reviewer,
// who knows whether the document (a 公示, a 名单) lawfully names people.
const VETO_PII: ReadonlySet<PiiType> = new Set([
  'id_card',
  'mobile',
  'bank_card',
  'passport',
  'travel_permit',
]);

/** Privacy and wording findings of a text, sorted by position, each marked veto-level or not. */
export async function checkPublicationText(
  ctx: Context,
  text: string,
  on: string,
): Promise<ComplianceFinding[]> {
  const pii = screenText(text).map((f) => ({ ...f, veto: VETO_PII.has(f.type) }));
  const wording = (await checkWording(ctx, text, { on })).map((f) => ({ ...f, veto: f.severity === 'veto' }));
  return [...pii, ...wording].sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface CheckedPart {
  part: string; // 标题, 正文, or 附件：name
  text: string; // the text the offsets refer to
  findings: ComplianceFinding[];
}

/**
 * An item as it will be published — title, body and every attachment's text — checked part by part, so
 * a reviewer sees each finding highlighted where it is. An attachment whose text cannot be read is
 * reported as a part with no text and the reason, never silently skipped.
 */
export async function checkItemForPublication(
  ctx: Context,
  item: { id: string; title: string; body_html: string },
  on: string,
): Promise<CheckedPart[]> {
  const parts: CheckedPart[] = [];
  const check = async (part: string, text: string) => {
    parts.push({ part, text, findings: await checkPublicationText(ctx, text, on) });
  };
  await check('标题', item.title);
  await check('正文', extractHtml(item.body_html));
  for (const file of await attachmentFilesOf(ctx, item.id)) {
    const format = sourceFormatOf(file.name);
    if (!format) continue; // images: nothing to read
    let text: string;
    try {
      text = (await extractText(await file.read(), format)).text;
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件缺失' : (error as Error).message;
      parts.push({ part: `附件：${file.name}（无法读取文字：${reason}）`, text: '', findings: [] });
      continue;
    }
    await check(`附件：${file.name}`, text);
  }
  return parts;
}
