import {
  type CheckedPart,
  type ComplianceFinding,
  piiTypeLabels,
  ruleTypeLabels,
} from '../../../modules/compliance';

// What the checks found in an item under review, shown to every reviewer: each finding in its sentence
// with the words highlighted, what kind of problem it is, the suggestion and the basis. Veto-level
// findings come first and are marked; they block 终审 unless a reason is given.

const CONTEXT = 24; // characters shown on each side of a finding

function kindOf(f: ComplianceFinding): string {
  return f.kind === 'pii' ? `个人信息·${piiTypeLabels[f.type]}` : `错敏词·${ruleTypeLabels[f.type]}`;
}

function Snippet(props: { text: string; finding: ComplianceFinding }) {
  const { text, finding } = props;
  const from = Math.max(0, finding.start - CONTEXT);
  const to = Math.min(text.length, finding.end + CONTEXT);
  return (
    <span class="snippet">
      {from > 0 ? '…' : ''}
      {text.slice(from, finding.start)}
      <mark>{text.slice(finding.start, finding.end)}</mark>
      {text.slice(finding.end, to)}
      {to < text.length ? '…' : ''}
    </span>
  );
}

function advice(f: ComplianceFinding): string {
  if (f.kind === 'wording')
    return [f.suggestion ? `建议改为“${f.suggestion}”` : '', f.explanation, f.basis ? `依据：${f.basis}` : '']
      .filter(Boolean)
      .join('；');
  if (f.masked) return '已打码，但打码方式不符合要求';
  return f.veto ? '请删除或按规定打码后发布' : '请确认是否确需公开；不需公开的，请删除或打码';
}

/** The findings of the checks on an item under review; nothing when the item is clean. */
export function CompliancePanel(props: { parts: CheckedPart[] }) {
  const rows = props.parts.flatMap((p) => p.findings.map((f) => ({ part: p, f })));
  const unreadable = props.parts.filter((p) => p.text === '' && p.part.includes('无法读取'));
  if (rows.length === 0 && unreadable.length === 0)
    return (
      <section class="compliance-panel" aria-labelledby="compliance-h">
        <h2 id="compliance-h">发布前检查</h2>
        <p>未发现错敏词和个人信息问题。</p>
      </section>
    );
  rows.sort((a, b) => Number(b.f.veto) - Number(a.f.veto));
  const vetoes = rows.filter((r) => r.f.veto).length;
  return (
    <section class="compliance-panel" aria-labelledby="compliance-h">
      <h2 id="compliance-h">发布前检查</h2>
      <p class={vetoes ? 'form-error' : undefined}>
        {vetoes
          ? `发现 ${rows.length} 处问题，其中 ${vetoes} 处须整改（终审前须修改，或由签发领导填写理由）。`
          : `发现 ${rows.length} 处提示，请审核时留意。`}
      </p>
      <ol class="findings">
        {rows.map(({ part, f }) => (
          <li class={f.veto ? 'finding finding-veto' : 'finding'}>
            <span class="finding-kind">
              {f.veto ? '【须整改】' : '【提示】'}
              {kindOf(f)}（{part.part}）
            </span>
            <Snippet text={part.text} finding={f} />
            <span class="finding-advice">{advice(f)}</span>
          </li>
        ))}
      </ol>
      {unreadable.map((p) => (
        <p class="hint">{p.part}</p>
      ))}
    </section>
  );
}
