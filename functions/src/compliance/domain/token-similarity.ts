import jaroWinkler from 'talisman/metrics/jaro-winkler';

/** Similarity credited when one side is an initial ("J") and the other starts with it ("JOHN"). */
export const INITIAL_SIMILARITY = 0.9;
/** Below this a token pair is treated as unrelated: weak Jaro-Winkler scores are mostly noise. */
export const MIN_TOKEN_SIMILARITY = 0.8;

const DIGITS = /[0-9]/;

/** Jaro-Winkler between two normalised tokens, with initials and numbers handled explicitly. */
export function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? INITIAL_SIMILARITY : 0;
  // "VESSEL 7" is not "VESSEL 1": numbers must match exactly.
  if (DIGITS.test(a) || DIGITS.test(b)) return 0;
  const s = jaroWinkler(a, b);
  return s >= MIN_TOKEN_SIMILARITY ? s : 0;
}

/**
 * Keys under which a token is filed so that a query token within one edit (or with the same
 * consonant skeleton, e.g. MOHAMMED / MUHAMAD) finds it without comparing against every token.
 * Symmetric deletion neighbourhood: two tokens one edit apart always share a key.
 */
export function blockingKeys(token: string): string[] {
  const keys = [token];
  if (token.length >= 4 && !DIGITS.test(token)) {
    for (let i = 0; i < token.length; i++) keys.push(token.slice(0, i) + token.slice(i + 1));
    const skeleton = consonantSkeleton(token);
    if (skeleton.length >= 3) keys.push(`#${skeleton}`);
  }
  return keys;
}

function consonantSkeleton(token: string): string {
  let out = token[0];
  for (let i = 1; i < token.length; i++) {
    const c = token[i];
    if ('AEIOUY'.includes(c) || c === out[out.length - 1]) continue;
    out += c;
  }
  return out;
}

/** Similarity credited when a query token written in an abjad has the same consonant skeleton as a listed token. */
export const ABJAD_SIMILARITY = 0.9;

/**
 * Key of a token as an abjad (Arabic, Hebrew) would write it: consonants only, W and Y (which
 * double as vowels there) dropped, doubled letters collapsed. USAMA -> SM, HUSSEIN -> HSN.
 * Undefined when fewer than two consonants remain: that is too little to match on.
 */
export function abjadKey(token: string): string | undefined {
  if (DIGITS.test(token)) return undefined;
  let out = '';
  for (const c of token) if (!'AEIOUYW'.includes(c) && c !== out[out.length - 1]) out += c;
  return out.length >= 2 ? `~${out}` : undefined;
}

/** Similarity credited when a transliterated query token sounds like a listed token (KARLOS / CARLOS). */
export const PHONETIC_SIMILARITY = 0.93;

const PHONETIC_RULES: readonly [RegExp, string][] = [
  [/PH/g, 'F'], [/CK/g, 'K'], [/X/g, 'KS'], [/Q/g, 'K'], [/C(?=[EIY])/g, 'S'], [/C/g, 'K'], [/W/g, 'V'], [/Y/g, 'I'], [/KH/g, 'H'],
  [/SHCH/g, 'SH'], [/DJ|DZH|DZ/g, 'J'], [/TZ/g, 'TS'],
];

/**
 * Key of a token by sound, for names that reach us transliterated from another script, where
 * C/K, Q/K, X/KS, W/V, Y/I and KH/H are spelt whichever way the transliteration chose.
 * Undefined for short tokens and numbers.
 */
export function phoneticKey(token: string): string | undefined {
  if (token.length < 3 || DIGITS.test(token)) return undefined;
  let out = token;
  for (const [pattern, sound] of PHONETIC_RULES) out = out.replace(pattern, sound);
  out = out.replace(/(.)\1+/g, '$1');
  return `^${out}`;
}
