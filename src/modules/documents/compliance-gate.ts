import { chinaDay } from '../../core/clock';
import type { Context } from '../../core/context';
import { AppError } from '../../core/errors';
import type { Item } from '../../db/schema';
import { type CheckedPart, checkItemForPublication } from '../compliance';

// The pre-publication gate (issue 5; 条例 Art. 17 review before publication; 国办秘函〔2019〕19号 makes
// 严重表述错误 and leaks a veto): at 终审 the item and its attachments are checked; veto-level findings
// block the sign-off until fixed, or the signing leader overrules them with a written reason, which is
// audited. Ordinary findings are shown to every reviewer and never block.

export interface GateOverrule {
  reason: string;
  vetoes: number;
}

const vetoesOf = (parts: CheckedPart[]) =>
  parts.flatMap((p) => p.findings.filter((f) => f.veto).map((f) => `${p.part}“${f.text}”`));

/** Checks an item at its final sign-off; returns the overrule to audit, or null when nothing blocks. */
export async function passComplianceGate(
  ctx: Context,
  item: Item,
  overruleReason: string | undefined,
): Promise<GateOverrule | null> {
  const parts = await checkItemForPublication(ctx, item, chinaDay(ctx.clock.now()));
  const vetoes = vetoesOf(parts);
  if (vetoes.length === 0) return null;
  const reason = (overruleReason ?? '').trim();
  if (reason.length >= 4) return { reason, vetoes: vetoes.length };
  const shown = vetoes.slice(0, 5).join('、') + (vetoes.length > 5 ? ` 等 ${vetoes.length} 处` : '');
  const message = `发现须整改的严重问题：${shown}。请退回修改；确需签发的，请填写签发理由（将记入审计日志）。`;
  throw new AppError('validation', message, { fields: { overruleReason: '请修改后再签发，或填写签发理由' } });
}

/** The findings a reviewer sees on the item page (null when the item is not in review). */
export async function reviewFindings(ctx: Context, item: Item): Promise<CheckedPart[] | null> {
  if (item.status !== 'in_review') return null;
  return checkItemForPublication(ctx, item, chinaDay(ctx.clock.now()));
}
