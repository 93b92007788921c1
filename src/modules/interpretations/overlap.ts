// 摘抄 is not interpretation (law-and-formats.md §4.2: "文件要点摘抄""文件压缩" do not count): measure how much
// of an interpretation is copied from its policy. The share of the interpretation's 8-character windows
// (whitespace and punctuation removed) that also occur in the policy; a plain-language explanation
// shares names and terms but few 8-character runs.

const WINDOW = 8;
export const COPY_WARNING_THRESHOLD = 0.5;

function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]+/gu, '');
}

/** Fraction (0–1) of the interpretation's text copied from the policy. */
export function copiedShare(interpretation: string, policy: string): number {
  const a = normalise(interpretation);
  const b = normalise(policy);
  if (a.length < WINDOW || b.length < WINDOW) return 0;
  const windows = new Set<string>();
  for (let i = 0; i + WINDOW <= b.length; i++) windows.add(b.slice(i, i + WINDOW));
  let copied = 0;
  let total = 0;
  for (let i = 0; i + WINDOW <= a.length; i++) {
    total++;
    if (windows.has(a.slice(i, i + WINDOW))) copied++;
  }
  return copied / total;
}
