// Turns a free-form person or organisation name into comparable upper-case ASCII tokens.
// Both the list and every query go through this one function, so they always agree.

import { transliterate } from 'transliteration';
import { foldConfusables } from './confusables';

export type NameKind = 'individual' | 'entity';

export interface NormalisedName {
  readonly tokens: readonly string[];
  /** Tokens joined by single spaces; handy as an exact-match key. */
  readonly key: string;
  /**
   * True when the name was written in a script that omits short vowels (Arabic, Hebrew, Syriac):
   * its transliteration is a consonant skeleton ("بن لادن" -> BN LDN) and is matched as one.
   */
  readonly abjad?: boolean;
  /** True when letters of another script were transliterated: its spelling of the name is phonetic. */
  readonly transliterated?: boolean;
}

// Letters that Unicode decomposition leaves untouched because they are not "letter + accent".
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  ß: 'SS', ẞ: 'SS', Æ: 'AE', æ: 'AE', Œ: 'OE', œ: 'OE', Ø: 'O', ø: 'O', Ł: 'L', ł: 'L',
  Đ: 'D', đ: 'D', Ð: 'D', ð: 'D', Þ: 'TH', þ: 'TH', ı: 'I', Ħ: 'H', ħ: 'H', Ŧ: 'T', ŧ: 'T',
};

// Legal forms carry no identity, so a query written with or without them must score the same.
const LEGAL_FORM_PHRASES: readonly string[] = [
  'LTD', 'LIMITED', 'LLC', 'LLP', 'LP', 'PLC', 'INC', 'INCORPORATED', 'CORP', 'CORPORATION', 'CO',
  'COMPANY', 'SA', 'SAS', 'SARL', 'SRL', 'SPA', 'SL', 'SC', 'CA', 'SAC', 'SAU', 'SE', 'AG', 'GMBH',
  'KG', 'MBH', 'BV', 'NV', 'AB', 'OY', 'OYJ', 'ASA', 'APS', 'PTE', 'PVT', 'PTY', 'BHD', 'SDN BHD',
  'JSC', 'PJSC', 'OJSC', 'CJSC', 'OAO', 'ZAO', 'OOO', 'PAO', 'AO', 'TOO', 'FZE', 'FZC', 'FZCO',
  'FZ LLC', 'DMCC', 'LIMITADA', 'LTDA', 'CIA', 'SOCIEDAD ANONIMA', 'SOCIETE ANONYME',
  'LIMITED LIABILITY COMPANY', 'LIMITED LIABILITY PARTNERSHIP', 'JOINT STOCK COMPANY',
  'PUBLIC JOINT STOCK COMPANY', 'OPEN JOINT STOCK COMPANY', 'CLOSED JOINT STOCK COMPANY',
  'PRIVATE LIMITED', 'PUBLIC LIMITED COMPANY', 'CO LTD', 'PTE LTD', 'PVT LTD', 'PTY LTD',
];

const HONORIFICS: readonly string[] = ['MR', 'MRS', 'MS', 'MISS', 'MX', 'DR', 'PROF', 'SIR', 'MME', 'MLLE'];

const LEGAL_FORMS: readonly (readonly string[])[] = LEGAL_FORM_PHRASES.map((p) => p.split(' ')).sort(
  (a, b) => b.length - a.length, // longest phrase first, so "CO LTD" wins over "CO"
);
const HONORIFIC_SET = new Set(HONORIFICS);

/** True when every token is a legal form (e.g. the "LTD" after "ACME, LTD."). */
export function isLegalFormOnly(tokens: readonly string[]): boolean {
  return tokens.length > 0 && stripLegalForms(tokens).length === 0;
}

const ABJAD_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}]/u;
// Spelling rules that letter-by-letter transliteration misses. Modern Greek writes B, D and G as digraphs (ΜΠΙΝ ΛΑΝΤΕΝ = BIN LADEN); letter by letter they would read MP, NT, GK.
const SCRIPT_DIGRAPHS: readonly [RegExp, string][] = [
  [/μπ/gu, 'b'], [/ΜΠ/gu, 'B'], [/Μπ/gu, 'B'], [/ντ/gu, 'd'], [/ΝΤ/gu, 'D'], [/Ντ/gu, 'D'], [/γκ/gu, 'g'], [/ΓΚ/gu, 'G'], [/Γκ/gu, 'G'],
  [/τζ/giu, 'j'], [/ου/giu, 'u'],
  // Cyrillic: ДЖ writes J (ДЖАФАР = JAFAR), Ц is TS, and Й must be read before NFKD turns it into И.
  [/дж/giu, 'j'], [/ц/giu, 'ts'], [/й/giu, 'y'],
];

// Transliterations spell the Arabic patronymic particle as Russian and Greek texts do (БЕН, ΜΠΕΝ);
// the list writes BIN. Applied only to names that were transliterated, so an English "Ben" stays.
const TRANSLITERATED_PARTICLES: Readonly<Record<string, string>> = { BEN: 'BIN', IBN: 'BIN' };

function toAsciiUpper(raw: string): string {
  let out = '';
  // Look-alikes first ("Оsama" with a Cyrillic О): transliteration would read Р as R, Н as N.
  // NFD lets the fold see the base letter of an accented look-alike (ї -> і); not NFKD, which
  // would first turn some look-alikes into other letters (Greek lunate Ϲ -> Σ, ϲ -> ς).
  let text = foldConfusables(raw.normalize('NFD')).normalize('NFC');
  // Only whole non-Latin words: a look-alike Й or Ц inside a Latin word is folded as a confusable.
  if (/[\p{Script=Greek}\p{Script=Cyrillic}]/u.test(text)) {
    text = text.replace(/[\p{Script=Greek}\p{Script=Cyrillic}\p{M}]+/gu, (word) => {
      for (const [pattern, latin] of SCRIPT_DIGRAPHS) word = word.replace(pattern, latin);
      return word;
    });
  }
  for (const ch of text.normalize('NFKD')) out += SPECIAL_LETTERS[ch] ?? ch;
  out = out.replace(/\p{M}/gu, '');
  // Other scripts (Cyrillic, Greek, Arabic, CJK, ...) are transliterated, never dropped:
  // a name that became zero tokens would pass screening unseen.
  if (/[^\x00-\x7F]/.test(out)) {
    // An abjad letter the library leaves unmapped (a bare alif) is a vowel carrier: drop it.
    out = transliterate(out, { unknown: ABJAD_SCRIPT.test(raw) ? '' : ' ' }).toUpperCase();
    return out.replace(/[A-Z]+/g, (word) => TRANSLITERATED_PARTICLES[word] ?? word);
  }
  return out.toUpperCase();
}

function tokenise(text: string): string[] {
  const cleaned = text
    .replace(/['’‘`´ʼ]/g, '') // O'BRIEN and OBRIEN are the same name
    .replace(/(?<=\b[A-Z0-9]{1,4})\.(?=[A-Z0-9]{0,4}\b)/g, '') // S.A. -> SA, CO. -> CO
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  return cleaned === '' ? [] : cleaned.split(' ');
}

function stripLegalForms(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; ) {
    const form = LEGAL_FORMS.find((f) => f.every((t, k) => tokens[i + k] === t));
    if (form) i += form.length;
    else out.push(tokens[i++]);
  }
  return out;
}

function reorderLastFirst(text: string, kind: NameKind | undefined): string {
  const comma = text.indexOf(',');
  if (comma < 0 || kind === 'entity') return text;
  const head = text.slice(0, comma);
  const tail = text.slice(comma + 1);
  // "ACME TRADING, LTD." is an organisation with a suffix, not "LAST, First".
  if (isLegalFormOnly(tokenise(tail)) || tokenise(tail).length === 0) return text;
  return `${tail} ${head}`;
}

/**
 * Normalises case, diacritics, punctuation, `LAST, First` order (unless `kind` is entity),
 * honorifics and legal suffixes. Never returns an empty token list for a name that had letters:
 * a name made only of suffixes keeps them.
 */
export function normaliseName(raw: string, kind?: NameKind): NormalisedName {
  const ascii = reorderLastFirst(toAsciiUpper(raw), kind);
  const abjad = ABJAD_SCRIPT.test(raw);
  const transliterated = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u.test(foldConfusables(raw.normalize('NFC')));
  const all = tokenise(ascii);
  const withoutTitles = all.filter((t) => !HONORIFIC_SET.has(t));
  const core = stripLegalForms(withoutTitles);
  const tokens = core.length > 0 ? core : withoutTitles.length > 0 ? withoutTitles : all;
  const key = tokens.join(' ');
  if (!transliterated) return { tokens, key };
  return abjad ? { tokens, key, abjad, transliterated } : { tokens, key, transliterated };
}
