// 错敏词 matcher (compliance.md §3.5, §5.2 item 1–3): normalised multi-pattern matching with
// original-text spans, noise skipping, repeat folding, allow-lists and a compiled-form cache.
export { compileDictionary } from './compile';
export { compiledFromCache, dictionaryHash, loadCompiled, saveCompiled } from './compiled-cache';
export { countAll, type FindOptions, findAll } from './find-all';
export type {
  CompiledDictionary,
  CompileOptions,
  DictionaryEntry,
  TermOptions,
  WordingMatch,
} from './matcher.types';
export { deserialiseCompiled, serialiseCompiled } from './serialise';
