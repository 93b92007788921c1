import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../core/errors';
import { checkArchive } from './archive-check';
import { extensionOf, fileNameProblem } from './file-name';
import { looksLikeZip } from './zip-directory';

// An uploaded table that is read and not kept (the key-task list import: CSV or .xlsx) gets the same
// checks as a kept file before any parser sees it (security.md T7): the name, the content agreeing with
// the extension, and THE archive check — with a lower ceiling, since a spreadsheet library holds it all.

const TABLE_ARCHIVE_LIMITS = { maxTotalUncompressed: 50 * 1_048_576 };

const refused = (code: 'validation' | 'unsupported_media_type', message: string) =>
  new AppError(code, message, { fields: { file: message } });

/** Refuses a table upload whose name, type or archive structure is wrong; 400/415 naming the problem. */
export async function checkTableUpload(file: { name: string; bytes: Buffer }): Promise<void> {
  const problem = fileNameProblem(file.name);
  if (problem) throw refused('validation', problem);
  const ext = extensionOf(file.name.normalize('NFC'));
  if (ext === 'xls')
    throw refused('unsupported_media_type', '不支持 Excel 97-2003（.xls）格式，请另存为 .xlsx 或 CSV');
  if (ext !== 'csv' && ext !== 'xlsx')
    throw refused('unsupported_media_type', '只能导入 CSV 或 Excel（.xlsx）文件');
  if (file.bytes.length === 0) throw refused('validation', '文件为空');
  const zip = looksLikeZip(file.bytes);
  if (ext === 'xlsx' && !zip)
    throw refused('unsupported_media_type', '扩展名 .xlsx与内容不符（不是 Excel 表格）');
  if (ext === 'csv') {
    const detected = zip ? { ext: 'zip' } : await fileTypeFromBuffer(file.bytes);
    if (detected)
      throw refused('unsupported_media_type', `扩展名 .csv与内容（${detected.ext.toUpperCase()}）不符`);
  }
  if (zip)
    await checkArchive(file.bytes, TABLE_ARCHIVE_LIMITS).catch((error: unknown) =>
      Promise.reject(error instanceof AppError ? refused('validation', error.message) : error),
    );
}
