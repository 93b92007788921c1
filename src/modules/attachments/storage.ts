import { createHash } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import type { Config } from '../../config/config';

// Attachment bytes on disk (architecture.md "Durability"; security.md T7): under the data folder, outside
// the static root, under generated names only. A file is written to a temp name in its final folder,
// fsynced, renamed, and the folder fsynced — all before the row that points to it commits. No path
// component is ever a symlink, and every path is resolved and checked to lie inside the root.

const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_WRONLY } = constants;

// id (UUIDv7) + '.' + extension of the detected type
const STORED_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\.[a-z]{3,4})?$/;

/** The one folder attachments live in. */
export function storageRoot(config: Pick<Config, 'dataDir'>): string {
  return path.resolve(config.dataDir, 'attachments');
}

// A UUIDv7 starts with its timestamp, so its first characters change once in decades: shard on the last
// two (random) characters instead, which spreads files over 256 folders.
const shardOf = (name: string) => name.slice(34, 36);

/** The path of a stored (or temp) file named from an id, refused unless it lies inside the root. */
export function storedPath(root: string, storedName: string, temp = false): string {
  if (!STORED_NAME.test(storedName)) throw new Error('attachment: invalid stored name');
  const full = path.resolve(root, shardOf(storedName), temp ? `.${storedName}.part` : storedName);
  if (!full.startsWith(root + path.sep)) throw new Error('attachment: path outside the storage root');
  return full;
}

/** mkdir -p, then refuse anything that is not a plain directory (a symlink planted in the data folder). */
export async function plainDirectory(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const stat = await fs.lstat(dir);
  if (stat.isSymbolicLink() || !stat.isDirectory())
    throw new Error(`attachment: storage folder is not a plain directory: ${dir}`);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await fs.open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface WrittenFile {
  tempPath: string;
  size: number;
  sha256: string;
}

/** Streams bytes to a new temp file beside its final place, hashing as it goes, and fsyncs it. */
export async function writeTempFile(
  root: string,
  id: string,
  content: AsyncIterable<Buffer>,
  onChunk: (bytes: number) => void,
): Promise<WrittenFile> {
  const tempPath = storedPath(root, id, true);
  await plainDirectory(root);
  await plainDirectory(path.dirname(tempPath));
  const handle = await fs.open(tempPath, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of content) {
      onChunk(chunk.length);
      size += chunk.length;
      hash.update(chunk);
      for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at)).bytesWritten;
    }
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(tempPath, { force: true });
    throw error;
  }
  await handle.close();
  return { tempPath, size, sha256: hash.digest('hex') };
}

/** Moves a checked temp file to its final name and makes the rename durable. */
export async function placeFile(tempPath: string, finalPath: string): Promise<void> {
  if (path.dirname(tempPath) !== path.dirname(finalPath))
    throw new Error('attachment: rename across folders');
  await fs.rename(tempPath, finalPath);
  await syncDirectory(path.dirname(finalPath));
}

/** Deletes files, ignoring ones already gone: cleanup after a refused or failed submission. */
export async function removeFiles(paths: string[]): Promise<void> {
  await Promise.all(paths.map((p) => fs.rm(p, { force: true })));
}

/** Reads `length` bytes at `offset` (fewer at the end of the file), never through a symlink. */
export async function readRange(file: string, offset: number, length: number): Promise<Buffer> {
  const handle = await fs.open(file, O_RDONLY | O_NOFOLLOW);
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Opens a stored file for reading, never through a symlink. */
export function openStored(root: string, storedName: string): Promise<fs.FileHandle> {
  return fs.open(storedPath(root, storedName), O_RDONLY | O_NOFOLLOW);
}

/** The SHA-256 of a stored file, read again from disk. */
export async function hashStored(root: string, storedName: string): Promise<string> {
  const handle = await openStored(root, storedName);
  const hash = createHash('sha256');
  for await (const chunk of handle.createReadStream()) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Passes bytes through while hashing them and holds the last chunk back until the digest matches: a file
 * changed on disk never reaches the client complete — the response breaks off instead.
 */
export function verifyingStream(expectedSha256: string): Transform {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      if (held) this.push(held);
      held = chunk;
      done();
    },
    flush(done) {
      if (hash.digest('hex') !== expectedSha256) return done(new Error('attachment: SHA-256 mismatch'));
      if (held) this.push(held);
      done();
    },
  });
}

/** A stored file's bytes, whole (attachments are capped at the configured size): for text extraction. */
export async function readStored(root: string, storedName: string): Promise<Buffer> {
  const handle = await openStored(root, storedName);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
