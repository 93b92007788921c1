import { createHash, randomUUID } from 'node:crypto';
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

/**
 * Writes the compiled form atomically (temporary file, then rename) to file. The temporary name is
 * unique per write: with one name per process, concurrent writers renamed each other's file away and
 * the losers failed with ENOENT (a 500 on submit, found by the server fuzz storm of issue 8).
 */
export async function saveCompiled(compiled: CompiledDictionary, file: string): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`;
  await writeFile(temporary, serialiseCompiled(compiled));
  await rename(temporary, file);
}

/** Reads a compiled form written by saveCompiled. */
export async function loadCompiled(file: string): Promise<CompiledDictionary> {
  return deserialiseCompiled(await readFile(file));
}

// Requests that miss together share one compilation (0.4 s and tens of MB for 50,000 terms) instead
// of each compiling its own.
const inFlight = new Map<string, Promise<CompiledDictionary>>();

/** The compiled dictionary from `<dir>/matcher-<hash>.bin`, compiled and stored there on a miss. */
export function compiledFromCache(
  dir: string,
  entries: readonly DictionaryEntry[],
  options: CompileOptions = {},
): Promise<CompiledDictionary> {
  const file = join(dir, `matcher-${dictionaryHash(entries, options)}.bin`);
  const pending = inFlight.get(file);
  if (pending) return pending;
  const loading = loadOrCompile(dir, file, entries, options).finally(() => inFlight.delete(file));
  inFlight.set(file, loading);
  return loading;
}

async function loadOrCompile(
  dir: string,
  file: string,
  entries: readonly DictionaryEntry[],
  options: CompileOptions,
): Promise<CompiledDictionary> {
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
