// Turns a free-form person or organisation name into comparable upper-case ASCII tokens.
// Both the list and every query go through this one function, so they always agree.

export type NameKind = 'individual' | 'entity';

export interface NormalisedName {
  readonly tokens: readonly string[];
  /** Tokens joined by single spaces; handy as an exact-match key. */
  readonly key: string;
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

function toAsciiUpper(raw: string): string {
  let out = '';
  for (const ch of raw.normalize('NFKD')) out += SPECIAL_LETTERS[ch] ?? ch;
  return out.replace(/\p{M}/gu, '').toUpperCase();
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
  const all = tokenise(ascii);
  const withoutTitles = all.filter((t) => !HONORIFIC_SET.has(t));
  const core = stripLegalForms(withoutTitles);
  const tokens = core.length > 0 ? core : withoutTitles.length > 0 ? withoutTitles : all;
  return { tokens, key: tokens.join(' ') };
}
