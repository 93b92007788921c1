import { AppError } from '../../core/errors';
import { parseInput } from '../../core/validation';
import { importAnnualReportHtml } from './report-html-import';
import { type AnnualReport, annualReportSchema } from './report-schema';

// A report file as given to `gongkai report check` and `report import`: the JSON interchange format, or
// the HTML of a published report. Anything else is refused with a message naming the problem.

export interface ParsedReportFile {
  report: AnnualReport;
  format: 'json' | 'html';
}

/** Parses the text of a report file, JSON or HTML (told apart by their first character). */
export function parseAnnualReportFile(
  text: string,
  hints: { agency?: string; year?: number } = {},
): ParsedReportFile {
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') throw new AppError('validation', '文件为空');
  if (body.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new AppError('validation', `不是有效的 JSON：${(error as Error).message}`);
    }
    return { report: parseInput(annualReportSchema, json), format: 'json' };
  }
  if (body.startsWith('<')) return { report: importAnnualReportHtml(body, hints), format: 'html' };
  throw new AppError('validation', '无法识别的文件：应为年报 JSON 或已发布年报的 HTML');
}
