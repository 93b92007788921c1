import type { GapCheckReport } from '../../db/schema-tasks';
import type { GapSection } from './gap-sections';

// The mail that carries a gap-check report to an agency's officers: counts per section, then each row.

/** Subject and plain text of one report's mail. */
export function gapMail(
  siteName: string,
  agencyName: string,
  report: GapCheckReport,
  sections: GapSection[],
) {
  const subject = `【查漏补缺】${agencyName} ${report.period} 月度检查：${report.problem_count ? `发现 ${report.problem_count} 项待办` : '未发现问题'}`;
  const lines = [
    `${agencyName}：`,
    '',
    `以下是截至 ${report.as_of} 的政务公开查漏补缺情况，请逐项核对办理。`,
    '',
  ];
  for (const s of sections) {
    lines.push(`■ ${s.title}（${s.rows.length} 项）`);
    for (const r of s.rows.slice(0, 30))
      lines.push(
        `  - ${r.text}：${r.detail}${r.dueOn ? `（期限 ${r.dueOn}${r.overdue ? '，已逾期' : ''}）` : ''}`,
      );
    if (s.rows.length > 30) lines.push(`  …… 另有 ${s.rows.length - 30} 项，请登录后台查看`);
    lines.push('');
  }
  lines.push(`完整报告见 ${siteName} 政务公开工作平台后台“查漏补缺”。`);
  return { subject, text: lines.join('\n') };
}
