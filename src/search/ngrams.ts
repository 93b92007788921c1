// N-grams of normalised text, by code point (a rare character outside the BMP is one character).
// Text splits into runs at spaces; no n-gram spans a space, because no query term contains one.

/** The space-free runs of normalised text, each as an array of code-point strings. */
export function runsOf(text: string): string[][] {
  const runs: string[][] = [];
  for (const run of text.split(' ')) if (run) runs.push(Array.from(run));
  return runs;
}

/** Every distinct 1- and 2-character substring: what 1–2 character queries look up. */
export function shortGrams(text: string): Set<string> {
  const grams = new Set<string>();
  for (const run of runsOf(text)) {
    for (let i = 0; i < run.length; i++) {
      grams.add(run[i] as string);
      if (i + 1 < run.length) grams.add((run[i] as string) + run[i + 1]);
    }
  }
  return grams;
}

/** The code-point length of a string. */
export function charLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
