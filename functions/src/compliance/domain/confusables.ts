// Folds Cyrillic and Greek letters that look like Latin ones into those Latin letters, as the
// Unicode TR39 skeleton does (the pairs below are the single-letter Cyrillic/Greek -> Latin
// entries of confusables.txt). Used only where a word mixes scripts ("Оsama" with a Cyrillic О)
// or, inside a name that has Latin letters, a word is made only of such look-alikes: a genuine
// Cyrillic or Greek word is transliterated by reading instead (РУТИН -> RUTIN, not PYTNH).
// Full-width and mathematical letters need no table: NFKD already folds them.

const CONFUSABLE_PAIRS =
  // Cyrillic capitals
  'АAВBЕEЅSІIЈJКKМMНHОOРPСCТTХXУYҮYԌGԚQԜWӀIԀdԁd' +
  // Cyrillic small letters
  'аaеeѕsіiјjоoрpсcхxуyүyһhԛqԝwӏl' +
  // Greek capitals
  'ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧX' +
  // Greek small letters
  'οoνvιiαaρpυuκkχxγy';

const CONFUSABLES: ReadonlyMap<string, string> = new Map(
  Array.from({ length: CONFUSABLE_PAIRS.length / 2 }, (_, i) => [CONFUSABLE_PAIRS[2 * i], CONFUSABLE_PAIRS[2 * i + 1]]),
);

const LATIN = /\p{Script=Latin}/u;
const WORD = /[\p{L}\p{M}]+/gu;

const isConfusable = (ch: string) => CONFUSABLES.has(ch);

/** Replaces look-alike Cyrillic and Greek letters in mixed-script text by their Latin skeletons. */
export function foldConfusables(text: string): string {
  if (!LATIN.test(text)) return text;
  return text.replace(WORD, (word) => {
    const chars = [...word];
    const mixed = chars.some((c) => LATIN.test(c)) && chars.some((c) => !LATIN.test(c) && /\p{L}/u.test(c));
    const allLookAlike = chars.every((c) => isConfusable(c) || /\p{M}/u.test(c));
    if (!mixed && !allLookAlike) return word;
    return chars.map((c) => CONFUSABLES.get(c) ?? c).join('');
  });
}
