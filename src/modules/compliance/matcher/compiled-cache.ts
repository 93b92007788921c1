import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileDictionary } from './compile';
import type { CompiledDictionary, CompileOptions, DictionaryEntry } from './matcher.types';
import { COMPILED_FORMAT_VERSION, deserialiseCompiled, serialiseCompiled } from './serialise';

// The I/O edge of the matcher: compiled dictionaries cached as files named by a hash of the
// dictionary, its options and the format version, so an edited dictionary gets a new file and
// an unchanged one is read back instead of recompiled.

/** The cache key: sha256 over format version, compile options and every entry. */
export function dictionaryHash(entries: readonly DictionaryEntry[], options: CompileOptions = {}): string {
  const normalise = options.normalise ?? true;
  const hash = createHash('sha256').update(JSON.stringify([COMPILED_FORMAT_VERSION, normalise]));
  for (const entry of entries) hash.update(JSON.stringify([entry.id, entry.term, entry.options ?? {}]));
  return hash.digest('hex');
}

/** Writes the compiled form atomically (temporary file, then rename) to file. */
export async function saveCompiled(compiled: CompiledDictionary, file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, serialiseCompiled(compiled));
  await rename(temporary, file);
}

/** Reads a compiled form written by saveCompiled. */
export async function loadCompiled(file: string): Promise<CompiledDictionary> {
  return deserialiseCompiled(await readFile(file));
}

/** The compiled dictionary from `<dir>/matcher-<hash>.bin`, compiled and stored there on a miss. */
export async function compiledFromCache(
  dir: string,
  entries: readonly DictionaryEntry[],
  options: CompileOptions = {},
): Promise<CompiledDictionary> {
  const file = join(dir, `matcher-${dictionaryHash(entries, options)}.bin`);
  try {
    return await loadCompiled(file);
  } catch {
    // Missing, partial or outdated file: rebuild and replace it.
  }
  const compiled = compileDictionary(entries, options);
  await mkdir(dir, { recursive: true });
  await saveCompiled(compiled, file);
  return compiled;
}
