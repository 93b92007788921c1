import { confusionsOf } from './confusion-table';

// Near-miss variants of a canonical official name (compliance.md §4.5, §5.2 item 4b): edit distance 1
// against a whitelist of correct names rather than a blacklist of wrong ones. Two kinds of edit:
// - one character replaced by a character of similar sound or shape (confusion-table.ts), for names
//   of 3 or more characters: 杜家毫 → 杜家豪, 政府 in 人民政府 → 攻府;
// - one interior character dropped, for names of 4 or more characters so the variant keeps at least
//   3: 齐齐哈尔市 → 齐齐哈市. The first and last characters are never dropped: the result would be a
//   substring of the name itself (中华人民共和国 → 中华人民共和), found inside every correct use; for
//   the same reason no variant that is a substring of the name is kept (齐齐哈尔市 → 齐哈尔市).
// A variant that is itself a canonical name (河南省 is no typo of 河北省) is left out by the caller.

export interface NameVariant {
  term: string;
  canonical: string;
  /** Human-readable edit, e.g. “毫”误作“豪”（音近）. */
  edit: string;
}

const MIN_SUBSTITUTE = 3;
const MIN_DROP = 4;

/** Every single-substitution and single-drop variant of `name`, without duplicates. */
export function nearMissVariants(name: string): NameVariant[] {
  const chars = Array.from(name);
  const out = new Map<string, NameVariant>();
  if (chars.length >= MIN_SUBSTITUTE) {
    chars.forEach((char, i) => {
      for (const c of confusionsOf(char)) {
        const term = [...chars.slice(0, i), c.with, ...chars.slice(i + 1)].join('');
        const how = c.kind === 'sound' ? '音近' : '形近';
        if (!out.has(term))
          out.set(term, { term, canonical: name, edit: `“${char}”误作“${c.with}”（${how}）` });
      }
    });
  }
  if (chars.length >= MIN_DROP) {
    for (let i = 1; i < chars.length - 1; i++) {
      const term = [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
      if (!name.includes(term) && !out.has(term))
        out.set(term, { term, canonical: name, edit: `漏写“${chars[i]}”` });
    }
  }
  return [...out.values()];
}
