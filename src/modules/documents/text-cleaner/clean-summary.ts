import type { CleanResult } from './text-cleaner';

/** Where a UTF-16 offset falls, 1-based, counting characters rather than code units. */
function locate(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const lineStart = before.lastIndexOf('\n') + 1;
  let line = 1;
  for (let at = before.indexOf('\n'); at !== -1; at = before.indexOf('\n', at + 1)) line++;
  return { line, column: Array.from(before.slice(lineStart)).length + 1 };
}

/** Chinese summary lines of what cleanText did, for the CLI and import logs. */
export function summariseCleanResult(result: CleanResult, maxListed = 20): string[] {
  const lines: string[] = [];
  if (result.convertedToSimplified) {
    lines.push(
      `已删除拼音注音 ${result.annotationsRemoved} 处，全文已转换为简体（${result.charactersConverted} 个字）`,
    );
  }
  if (result.whitespaceFixes > 0) lines.push(`已整理空白 ${result.whitespaceFixes} 处`);
  if (result.traditional.length > 0) {
    lines.push(`发现繁体字 ${result.traditional.length} 个（未修改，请核对）：`);
    for (const { index, char, simplified } of result.traditional.slice(0, maxListed)) {
      const { line, column } = locate(result.text, index);
      lines.push(`  第 ${line} 行第 ${column} 字：${char} → ${simplified}`);
    }
    const more = result.traditional.length - maxListed;
    if (more > 0) lines.push(`  另有 ${more} 个未列出`);
  }
  if (lines.length === 0) lines.push('文本无需整理');
  return lines;
}
