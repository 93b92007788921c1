import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import type { Context } from '../../core/context';
import { AppError, isAppError } from '../../core/errors';
import { newId } from '../../core/ids';
import {
  extensionOf,
  fileNameProblem,
  inspectBytes,
  plainDirectory,
  refuseIfInfected,
  sanitizeFileName,
  storedMediaTypes,
  type UploadTarget,
} from '../attachments';

// Files of key tasks (evidence, meeting minutes), stored the way attachments are (security.md T7) —
// under the data folder, outside the static root, under generated names; the type decided from the
// bytes against a narrower allowlist, then THE inspection every upload passes (attachments' inspectBytes:
// archive structure and inflation within declared sizes, content against extension, image pixel
// limits); virus scanned; written to a temp name, fsynced and renamed before the row pointing to it
// commits. Never through a symlink: the folder must be a plain directory and files open O_NOFOLLOW.

const { O_CREAT, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;

export interface StoredFile {
  original_name: string;
  stored_name: string;
  media_type: string;
  size: number;
  sha256: string;
}

const STORED_NAME = /^[0-9a-f-]{36}\.[a-z]{3,4}$/;
const EXT_OF_MIME: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
};

/** The folder key-task files live in. */
export function taskFilesRoot(ctx: Pick<Context, 'config'>): string {
  return path.resolve(ctx.config.dataDir, 'key-task-files');
}

/** The path of a stored file; refuses any name that is not one we generated. */
export function taskFilePath(ctx: Pick<Context, 'config'>, storedName: string): string {
  if (!STORED_NAME.test(storedName)) throw new AppError('not_found', '文件不存在');
  return path.join(taskFilesRoot(ctx), storedName);
}

const invalid = (message: string) => new AppError('validation', message, { fields: { file: message } });

async function detectType(bytes: Buffer, name: string): Promise<{ mime: string; ext: string }> {
  const detected = await fileTypeFromBuffer(bytes);
  const claimed = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
  const allowed = detected && storedMediaTypes.has(detected.mime) ? EXT_OF_MIME[detected.mime] : undefined;
  if (!detected || !allowed) {
    const what = detected
      ? `此文件是 ${detected.ext.toUpperCase()}（${detected.mime}）`
      : '无法识别文件类型，HTML、SVG、文本等文件不能上传';
    const message = `只能上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG 文件：${what}`;
    throw new AppError('unsupported_media_type', message, { fields: { file: message } });
  }
  if (!allowed.includes(claimed))
    throw invalid(`文件内容是 ${allowed[0]?.toUpperCase()}，与扩展名“.${claimed}”不符`);
  return { mime: detected.mime, ext: allowed[0] as string };
}

/** Who uploads a file, for what: named in the audit record of a refused infected file. */
export interface UploadFor extends UploadTarget {
  objectType: 'key_task' | 'officer_meeting';
}

// The checks of attachments name no form field; here the form's field is `file`.
const onFileField = (error: unknown) =>
  Promise.reject(
    isAppError(error) ? new AppError(error.code, error.message, { fields: { file: error.message } }) : error,
  );

/** Checks and stores one received file; returns the row fields. Throws naming the problem. */
export async function storeTaskFile(
  ctx: Context,
  file: { name: string; bytes: Buffer },
  uploadFor: UploadFor,
): Promise<StoredFile> {
  const problem = fileNameProblem(file.name);
  if (problem) throw invalid(problem);
  if (file.bytes.length === 0) throw invalid('文件为空');
  const max = ctx.config.attachments.maxFileBytes;
  if (file.bytes.length > max)
    throw new AppError('payload_too_large', `单个文件不超过 ${Math.round(max / 1_048_576)} MB`, {
      fields: { file: '文件过大' },
    });
  const name = sanitizeFileName(file.name);
  const type = await detectType(file.bytes, name);
  await inspectBytes(file.bytes, extensionOf(name)).catch(onFileField);
  const root = taskFilesRoot(ctx);
  await plainDirectory(root);
  const stored = `${newId()}.${type.ext}`;
  const temp = path.join(root, `.${stored}.part`);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  try {
    const handle = await fs.open(temp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
    try {
      await handle.writeFile(file.bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await refuseIfInfected(ctx, temp, { name, sha256 }, uploadFor).catch(onFileField);
    await fs.rename(temp, path.join(root, stored));
  } catch (error) {
    await fs.rm(temp, { force: true }); // a failed write or scan leaves no partial file behind
    throw error;
  }
  const dir = await fs.open(root, 'r');
  await dir.sync().finally(() => dir.close());
  return { original_name: name, stored_name: stored, media_type: type.mime, size: file.bytes.length, sha256 };
}

/** Removes stored files whose rows did not commit. */
export async function removeTaskFile(ctx: Pick<Context, 'config'>, storedName: string): Promise<void> {
  await fs.rm(taskFilePath(ctx, storedName), { force: true });
}

/** Reads a stored file and checks it is the one recorded (sha256). */
export async function readTaskFile(ctx: Pick<Context, 'config'>, f: { stored_name: string; sha256: string }) {
  const handle = await fs.open(taskFilePath(ctx, f.stored_name), O_RDONLY | O_NOFOLLOW).catch(() => {
    throw new AppError('not_found', '文件不存在');
  });
  const bytes = await handle.readFile().finally(() => handle.close());
  if (createHash('sha256').update(bytes).digest('hex') !== f.sha256)
    throw new AppError('unavailable', '文件校验失败，请联系系统管理员');
  return bytes;
}
