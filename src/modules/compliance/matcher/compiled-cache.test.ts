import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileDictionary } from './compile';
import { compiledFromCache, dictionaryHash, saveCompiled } from './compiled-cache';
import { findAll } from './find-all';
import type { DictionaryEntry } from './matcher.types';
import { deserialiseCompiled, serialiseCompiled } from './serialise';

const entries: DictionaryEntry[] = [
  { id: 'prc', term: '中华人民共和国' },
  { id: 'people', term: '人民' },
  { id: 'gov', term: '政府', options: { skipNoise: 2 } },
  { id: 'poor', term: '扶贫', options: { foldRepeats: true } },
  { id: 'emoji', term: '😀a' },
];
const text = '中华人民共和国國務院 政*府 扶扶贫 😀A';

describe('compiled form round trip', () => {
  it('serialise → deserialise gives equal arrays and equal matches', () => {
    const compiled = compileDictionary(entries);
    const loaded = deserialiseCompiled(serialiseCompiled(compiled));
    expect(loaded).toEqual(compiled);
    expect(findAll(loaded, text)).toEqual(findAll(compiled, text));
    expect(findAll(loaded, text).map((m) => m.id)).toEqual(['prc', 'people', 'gov', 'poor', 'emoji']);
  });

  it('rejects bytes that are not a compiled dictionary', () => {
    expect(() => deserialiseCompiled(Buffer.from('not a matcher file'))).toThrow(/not a compiled/);
  });
});

describe('compiledFromCache', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'matcher-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes once, then reads the same compiled form back', async () => {
    const first = await compiledFromCache(join(dir, 'cache'), entries);
    const files = await readdir(join(dir, 'cache'));
    expect(files).toEqual([`matcher-${dictionaryHash(entries)}.bin`]);
    const second = await compiledFromCache(join(dir, 'cache'), entries);
    expect(second).toEqual(first);
    expect(second).not.toBe(first);
  });

  it('compiles once for requests that miss together, and leaves only the cache file', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () => compiledFromCache(join(dir, 'cache'), entries)),
    );
    for (const r of results) expect(r).toBe(results[0]);
    expect(await readdir(join(dir, 'cache'))).toEqual([`matcher-${dictionaryHash(entries)}.bin`]);
  });

  it('lets concurrent writers of one file all succeed (a temporary name per write)', async () => {
    const compiled = compileDictionary(entries);
    const file = join(dir, 'shared.bin');
    await Promise.all(Array.from({ length: 8 }, () => saveCompiled(compiled, file)));
    expect(await readdir(dir)).toEqual(['shared.bin']);
    expect(deserialiseCompiled(await readFile(file))).toEqual(compiled);
  });

  it('keys the file by dictionary content and options', () => {
    const edited = [...entries, { id: 'x', term: '攻府' }];
    expect(dictionaryHash(edited)).not.toBe(dictionaryHash(entries));
    expect(dictionaryHash(entries, { normalise: false })).not.toBe(dictionaryHash(entries));
    expect(dictionaryHash(structuredClone(entries))).toBe(dictionaryHash(entries));
  });

  it('rebuilds over a corrupt cache file', async () => {
    const file = join(dir, `matcher-${dictionaryHash(entries)}.bin`);
    await writeFile(file, 'garbage');
    const compiled = await compiledFromCache(dir, entries);
    expect(findAll(compiled, text)).toEqual(findAll(compileDictionary(entries), text));
    expect(deserialiseCompiled(await import('node:fs/promises').then((fs) => fs.readFile(file)))).toEqual(
      compiled,
    );
  });
});
