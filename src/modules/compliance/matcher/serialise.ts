import type { Automaton } from './automaton';
import type { CompiledDictionary, DictionaryEntry, StreamKind } from './matcher.types';

// The compiled form on disk: magic, a JSON header (entries and array layout), then the typed
// arrays back to back, 4-byte aligned. Loading copies the arrays out and builds nothing, so a
// start reads a file instead of recompiling (§3.5 item 7, "prebuilt serialised automata").

const MAGIC = 'GKMATCH1';
/** Bump when normalisation, key derivation or this layout changes: old cache files stop matching. */
export const COMPILED_FORMAT_VERSION = 1;

const STREAM_KINDS: readonly StreamKind[] = ['exact', 'noise', 'fold'];
const AUTOMATON_ARRAYS = ['base', 'check', 'fail', 'outOff', 'outList'] as const;

interface Header {
  version: number;
  normalise: boolean;
  entries: readonly DictionaryEntry[];
  maxLenientKey: number;
  arrays: { name: string; type: 'u16' | 'i32'; length: number }[];
}

function namedArrays(compiled: CompiledDictionary): [string, Uint16Array | Int32Array][] {
  const arrays: [string, Uint16Array | Int32Array][] = [
    ['symbols', compiled.symbols],
    ['keyLength', compiled.keyLength],
    ['maxGap', compiled.maxGap],
  ];
  for (const kind of STREAM_KINDS) {
    const automaton = compiled.streams[kind];
    if (automaton) for (const name of AUTOMATON_ARRAYS) arrays.push([`${kind}.${name}`, automaton[name]]);
  }
  return arrays;
}

/** The compiled dictionary as bytes (pure; compiled-cache.ts writes them). */
export function serialiseCompiled(compiled: CompiledDictionary): Buffer {
  const arrays = namedArrays(compiled);
  const header: Header = {
    version: COMPILED_FORMAT_VERSION,
    normalise: compiled.normalise,
    entries: compiled.entries,
    maxLenientKey: compiled.maxLenientKey,
    arrays: arrays.map(([name, a]) => ({
      name,
      type: a instanceof Uint16Array ? 'u16' : 'i32',
      length: a.length,
    })),
  };
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const headerBytes = 12 + json.length + ((4 - (json.length % 4)) % 4);
  const parts: Buffer[] = [Buffer.alloc(headerBytes)];
  parts[0]!.write(MAGIC, 0, 'latin1');
  parts[0]!.writeUInt32LE(json.length, 8);
  json.copy(parts[0]!, 12);
  for (const [, a] of arrays) {
    parts.push(Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    if (a.byteLength % 4) parts.push(Buffer.alloc(4 - (a.byteLength % 4)));
  }
  return Buffer.concat(parts);
}

/** Reads bytes written by serialiseCompiled; throws on a foreign or outdated file. */
export function deserialiseCompiled(bytes: Buffer): CompiledDictionary {
  if (bytes.toString('latin1', 0, 8) !== MAGIC) throw new Error('not a compiled matcher dictionary');
  const length = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + length)) as Header;
  if (header.version !== COMPILED_FORMAT_VERSION)
    throw new Error(`compiled format ${header.version} is outdated`);
  let at = 12 + length + ((4 - (length % 4)) % 4);
  const arrays = new Map<string, Uint16Array | Int32Array>();
  for (const { name, type, length: count } of header.arrays) {
    const width = type === 'u16' ? 2 : 4;
    const copy = new Uint8Array(bytes.subarray(at, at + count * width)); // aligned copy
    arrays.set(name, type === 'u16' ? new Uint16Array(copy.buffer) : new Int32Array(copy.buffer));
    at += count * width + ((4 - ((count * width) % 4)) % 4);
  }
  const streams: CompiledDictionary['streams'] = {};
  for (const kind of STREAM_KINDS) {
    if (!arrays.has(`${kind}.base`)) continue;
    const part = (name: string) => arrays.get(`${kind}.${name}`) as Int32Array;
    streams[kind] = Object.fromEntries(
      AUTOMATON_ARRAYS.map((name) => [name, part(name)]),
    ) as unknown as Automaton;
  }
  return {
    normalise: header.normalise,
    entries: header.entries,
    symbols: arrays.get('symbols') as Uint16Array,
    keyLength: arrays.get('keyLength') as Int32Array,
    maxGap: arrays.get('maxGap') as Int32Array,
    maxLenientKey: header.maxLenientKey,
    streams,
  };
}
